package org.flowwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.Test;

/** The Kubernetes structural schema dialect, turned into JSON Schema, accepts and refuses what the API server does. */
class StructuralSchemaTest {
  private static final JsonSchema SCHEMA = JsonSchemas.of(StructuralSchema.toJsonSchema(YamlFiles.parse("""
      type: object
      properties:
        spec:
          type: object
          properties:
            memory: {x-kubernetes-int-or-string: true}
            note: {type: string, nullable: true}
            settings: {x-kubernetes-preserve-unknown-fields: true}
            labels: {type: object, additionalProperties: {type: string}}
      """)));

  @Test
  void acceptsWhatTheApiServerAccepts() {
    assertThat(problems("""
        apiVersion: v1
        kind: Example
        metadata: {name: x}
        spec: {memory: 1, note: null, settings: {any: {thing: 1}}, labels: {a: b}}
        """)).isEmpty();
    assertThat(problems("spec: {memory: 2Gi}")).isEmpty();
  }

  @Test
  void refusesAnIntOrStringOfAnotherType() {
    assertThat(problems("spec: {memory: true}")).isNotEmpty();
  }

  @Test
  void refusesNullWhereTheSchemaDoesNotMakeItNullable() {
    assertThat(problems("spec: {labels: null}")).isNotEmpty();
  }

  @Test
  void refusesAFieldTheSchemaDoesNotDeclare() {
    assertThat(problems("spec: {memroy: 1}")).singleElement().asString().contains("memroy");
    assertThat(problems("status: {}")).singleElement().asString().contains("status");
  }

  private static java.util.List<String> problems(String yaml) {
    return JsonSchemas.problems(SCHEMA, YamlFiles.parse(yaml));
  }
}
