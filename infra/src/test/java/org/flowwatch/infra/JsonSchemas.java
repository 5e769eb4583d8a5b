package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The one place that compiles JSON Schemas and checks documents against them. */
final class JsonSchemas {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private JsonSchemas() {}

  /** The compose specification's schema, skipped (a JUnit assumption) when ../shared is absent. */
  static JsonSchema compose() {
    Path file = SharedStandards.file("compose-spec/compose-spec.json");
    try {
      // Its $id is relative: the file's own location is the base it resolves against.
      return FACTORY.getSchema(file.toUri(), YamlFiles.JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The schema of a custom resource, from its CustomResourceDefinition in ../shared (skipped when absent). */
  static JsonSchema customResource(String crdFile) {
    Path file = SharedStandards.file("flink-kubernetes-operator/" + crdFile);
    JsonNode openApiV3Schema = YamlFiles.document(file).path("spec").path("versions").path(0).path("schema")
        .path("openAPIV3Schema");
    return of(StructuralSchema.toJsonSchema(openApiV3Schema));
  }

  static JsonSchema of(JsonNode schema) {
    return FACTORY.getSchema(schema);
  }

  /** What is wrong with the document, one line per problem, with the JSON path; empty when it is valid. */
  static List<String> problems(JsonSchema schema, JsonNode document) {
    return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
