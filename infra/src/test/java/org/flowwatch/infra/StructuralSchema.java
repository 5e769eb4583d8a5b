package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A CustomResourceDefinition's {@code openAPIV3Schema} (the Kubernetes structural schema dialect) as a JSON Schema
 * (draft 2020-12) that a validator checks the way the API server does:
 * <ul>
 *   <li>{@code x-kubernetes-int-or-string: true}: an integer or a string;</li>
 *   <li>{@code nullable: true}: null is allowed too;</li>
 *   <li>an object schema with {@code properties} and no {@code x-kubernetes-preserve-unknown-fields} refuses other
 *       fields: the API server drops them (and {@code kubectl apply}, which validates strictly by default, refuses
 *       them), so a misspelt field would silently do nothing;</li>
 *   <li>{@code apiVersion}, {@code kind} and {@code metadata}, which every object has and no CRD declares, are added
 *       at the root.</li>
 * </ul>
 */
final class StructuralSchema {
  private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";

  private StructuralSchema() {}

  static ObjectNode toJsonSchema(JsonNode openApiV3Schema) {
    ObjectNode schema = openApiV3Schema.deepCopy();
    ObjectNode properties = schema.withObjectProperty("properties");
    properties.putIfAbsent("apiVersion", YamlFiles.parse("type: string"));
    properties.putIfAbsent("kind", YamlFiles.parse("type: string"));
    properties.putIfAbsent("metadata", YamlFiles.parse("type: object"));
    convert(schema);
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    return schema;
  }

  private static void convert(ObjectNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean() && !schema.has("anyOf")) {
      schema.remove("type");
      schema.set("anyOf", YamlFiles.parse("[{type: integer}, {type: string}]"));
    }
    if (schema.path("nullable").asBoolean() && schema.has("type")) {
      ArrayNode types = schema.arrayNode().add(schema.get("type").asText()).add("null");
      schema.set("type", types);
    }
    if (schema.has("properties") && !schema.has("additionalProperties")
        && !schema.path(PRESERVE_UNKNOWN_FIELDS).asBoolean()) {
      schema.put("additionalProperties", false);
    }
    List<String> extensions = new ArrayList<>();
    schema.fieldNames().forEachRemaining(name -> {
      if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
        extensions.add(name);
      }
    });
    schema.remove(extensions);
    schema.path("properties").forEach(StructuralSchema::convertIfSchema);
    convertIfSchema(schema.path("items"));
    convertIfSchema(schema.path("additionalProperties"));
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(combinator).forEach(StructuralSchema::convertIfSchema);
    }
    convertIfSchema(schema.path("not"));
  }

  private static void convertIfSchema(JsonNode node) {
    if (node.isObject()) {
      convert((ObjectNode) node);
    }
  }
}
