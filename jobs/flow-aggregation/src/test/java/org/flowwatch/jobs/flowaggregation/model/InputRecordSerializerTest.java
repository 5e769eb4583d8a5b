package org.flowwatch.jobs.flowaggregation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

class InputRecordSerializerTest {
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));
  private static final long READ_AT = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();

  private static InputRecord roundTrip(InputRecord record) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    InputRecordSerializer.INSTANCE.serialize(record, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    InputRecord read = InputRecordSerializer.INSTANCE.deserialize(in);
    assertThat(in.available()).as("bytes left over").isZero();
    return read;
  }

  @Test
  void flinkUsesTheHandWrittenFormatNotThePojoSerializer() {
    assertThat(TypeInformation.of(InputRecord.class)).isInstanceOf(InputRecordTypeInfo.class);
  }

  @Test
  void anObservationWithItsOriginComesBackFieldForField() throws Exception {
    byte[] bytes = AvroCodec.of(FlowObservation.class).encode(observation("o1", "NE-AGZ", "2024-01-15T08:10:00Z",
        Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 10, 1, 300, 0), group("MLI", 3, 0, 0, 2)));
    InputRecord record = new InputRecordDeserializer(SourceKind.FLOW_MONITORING, RULES).read("obs", 2, 77, bytes, READ_AT);

    assertThat(roundTrip(record)).usingRecursiveComparison().isEqualTo(record);
  }

  @Test
  void aScreenedCrossingTravelsWithoutOriginInAFewDozenBytes() throws Exception {
    byte[] bytes = AvroCodec.of(CheckpointCrossing.class).encode(new CheckpointCrossing("c-123456789", "NE-MAG",
        Instant.parse("2024-01-15T08:10:00Z"), CrossingDirection.ENTRY, "NGA", Sex.FEMALE, AgeBand.UNDER_5,
        DocumentType.NONE, MovementReason.SEASONAL));
    InputRecord record = new InputRecordDeserializer(SourceKind.BORDER_CROSSING, RULES).read("x", 0, 1, bytes, READ_AT);
    record.forgetOrigin();

    DataOutputSerializer out = new DataOutputSerializer(64);
    InputRecordSerializer.INSTANCE.serialize(record, out);
    assertThat(out.length()).isLessThan(50);
    assertThat(roundTrip(record)).usingRecursiveComparison().isEqualTo(record);
  }

  @Test
  void aRejectedRecordKeepsItsReasonAndBytes() throws Exception {
    byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
    InputRecord record = new InputRecordDeserializer(SourceKind.BORDER_CROSSING, RULES).read("x", 1, 9, garbage, READ_AT);

    InputRecord read = roundTrip(record);
    assertThat(read).usingRecursiveComparison().isEqualTo(record);
    assertThat(read.rejected()).isTrue();
  }

  @Test
  void aCopyIsDeep() {
    byte[] bytes = AvroCodec.of(FlowObservation.class).encode(observation("o1", "NE-AGZ", "2024-01-15T08:10:00Z",
        Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 10, 1, 0, 0)));
    InputRecord record = new InputRecordDeserializer(SourceKind.FLOW_MONITORING, RULES).read("obs", 0, 1, bytes, READ_AT);
    InputRecord copy = InputRecordSerializer.INSTANCE.copy(record);
    copy.counts[0] = 99;
    copy.value[0] = 1;

    assertThat(record.counts[0]).isEqualTo(10);
    assertThat(record.value[0]).isNotEqualTo((byte) 1);
  }
}
