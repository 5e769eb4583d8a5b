package org.flowwatch.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.RandomData;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SurgeAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every released schema stays readable: the current generated classes decode data written with each frozen version. */
class SchemaHistoryCompatibilityTest {

  static Stream<Class<? extends SpecificRecordBase>> records() {
    return Stream.of(FlowObservation.class, CheckpointCrossing.class, MonitoringPoint.class, FlowAggregate.class,
        SurgeAlert.class, RejectedRecord.class, org.flowwatch.schema.delivery.SubscriptionRecord.class,
        org.flowwatch.schema.delivery.DeadLetterDelivery.class);
  }

  @Test
  void historyListsAtLeastTheFirstRelease() {
    assertThat(SchemaHistory.releases()).startsWith("0.1.0");
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyRecordHasBeenReleased(Class<? extends SpecificRecordBase> recordClass) {
    assertThat(SchemaHistory.released(recordClass.getSimpleName())).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("records")
  void currentSchemaCanReadEveryReleasedSchema(Class<? extends SpecificRecordBase> recordClass) {
    Schema current = AvroCodec.of(recordClass).schema();
    for (Schema released : SchemaHistory.released(recordClass.getSimpleName())) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
      assertThat(result.getType())
          .as("%s: %s", recordClass.getSimpleName(), result.getDescription())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @MethodSource("records")
  <T extends SpecificRecordBase> void dataWrittenWithEveryReleasedSchemaDecodes(Class<T> recordClass) {
    AvroCodec<T> codec = AvroCodec.of(recordClass);
    for (Schema released : SchemaHistory.released(recordClass.getSimpleName())) {
      for (byte[] bytes : randomRecordsWrittenWith(released, 50)) {
        assertThatCode(() -> assertThat(codec.decode(bytes)).isInstanceOf(recordClass)).doesNotThrowAnyException();
      }
    }
  }

  private static List<byte[]> randomRecordsWrittenWith(Schema writer, int count) {
    BinaryMessageEncoder<Object> encoder = new BinaryMessageEncoder<>(GenericData.get(), writer);
    List<byte[]> encoded = new ArrayList<>();
    for (Object record : new RandomData(writer, count, 42L)) {
      try {
        ByteBuffer buffer = encoder.encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        encoded.add(bytes);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    return encoded;
  }
}
