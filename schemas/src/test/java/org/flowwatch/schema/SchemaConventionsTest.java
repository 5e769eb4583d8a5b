package org.flowwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

/** The habits of schemas/: a doc on every type and field, a default on every optional field. */
class SchemaConventionsTest {
  private static final List<Schema> RECORDS = List.of(FlowObservation.getClassSchema(),
      CheckpointCrossing.getClassSchema(), MonitoringPoint.getClassSchema(), FlowAggregate.getClassSchema(),
      SurgeAlert.getClassSchema(), RejectedRecord.getClassSchema(),
      org.flowwatch.schema.delivery.SubscriptionRecord.getClassSchema(),
      org.flowwatch.schema.delivery.SubscriptionUpdate.getClassSchema(),
      org.flowwatch.schema.delivery.AlertMessage.getClassSchema(),
      org.flowwatch.schema.delivery.DeliveryAttempt.getClassSchema(),
      org.flowwatch.schema.delivery.DeadLetterDelivery.getClassSchema(),
      org.flowwatch.schema.delivery.PendingDelivery.getClassSchema());

  @Test
  void everyTypeAndFieldHasADoc() {
    List<String> missing = new ArrayList<>();
    visit(RECORDS, new HashSet<>(), (owner, field) -> {
      if (field.doc() == null || field.doc().isBlank()) {
        missing.add(owner.getFullName() + "." + field.name());
      }
    }, named -> {
      if (named.getDoc() == null || named.getDoc().isBlank()) {
        missing.add(named.getFullName());
      }
    });
    assertThat(missing).isEmpty();
  }

  @Test
  void everyOptionalFieldDefaultsToNull() {
    List<String> missing = new ArrayList<>();
    visit(RECORDS, new HashSet<>(), (owner, field) -> {
      if (field.schema().isNullable() && !(field.hasDefaultValue() && field.defaultVal() == org.apache.avro.JsonProperties.NULL_VALUE)) {
        missing.add(owner.getFullName() + "." + field.name());
      }
    }, named -> {});
    assertThat(missing).isEmpty();
  }

  @Test
  void checkpointCrossingsCarryNoPersonalIdentifiers() {
    Set<String> fields = new HashSet<>();
    CheckpointCrossing.getClassSchema().getFields().forEach(f -> fields.add(f.name().toLowerCase()));
    assertThat(fields).noneMatch(name -> name.contains("name") || name.contains("number") || name.contains("birth"));
  }

  @Test
  void theCodecUsesTheGeneratedSchema() {
    assertThat(AvroCodec.of(FlowObservation.class).schema()).isEqualTo(FlowObservation.getClassSchema());
  }

  private interface FieldVisitor {
    void field(Schema owner, Schema.Field field);
  }

  private static void visit(List<Schema> schemas, Set<String> seen, FieldVisitor fields,
      java.util.function.Consumer<Schema> named) {
    for (Schema schema : schemas) {
      visit(schema, seen, fields, named);
    }
  }

  private static void visit(Schema schema, Set<String> seen, FieldVisitor fields, java.util.function.Consumer<Schema> named) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        named.accept(schema);
        for (Schema.Field field : schema.getFields()) {
          fields.field(schema, field);
          visit(field.schema(), seen, fields, named);
        }
      }
      case ENUM -> {
        if (seen.add(schema.getFullName())) {
          named.accept(schema);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> visit(t, seen, fields, named));
      case ARRAY -> visit(schema.getElementType(), seen, fields, named);
      case MAP -> visit(schema.getValueType(), seen, fields, named);
      default -> {}
    }
  }
}
