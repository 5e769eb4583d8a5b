package org.flowwatch.jobs.flowaggregation.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

/** One clock decision where a record is read: what the watermark sees is what validation decided. */
class InputRecordDeserializerTest {
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));
  private static final long READ_AT = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();
  private final InputRecordDeserializer reader = new InputRecordDeserializer(SourceKind.FLOW_MONITORING, RULES);
  private final EventTimeAssigner assigner = new EventTimeAssigner();

  private InputRecord read(FlowObservation observation) {
    return reader.read("observations", 0, 0, AvroCodec.of(FlowObservation.class).encode(observation), READ_AT);
  }

  private static FlowObservation at(String time, int men) {
    return observation("o1", "NE-AGZ", time, Direction.OUTGOING, TransportMode.TRUCK, group("NGA", men, 0, 0, 0));
  }

  @Test
  void aRecordJustPastTheFutureLimitIsRejectedAndHasNoEventTime() {
    InputRecord record = read(at("2024-01-20T18:00:01Z", 3));

    assertThat(record.rejectReason).isEqualTo(RejectReason.FUTURE_EVENT_TIME);
    assertThat(assigner.extractTimestamp(record, 0L)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aRecordJustInsideTheFutureLimitIsAcceptedWithItsEventTime() {
    InputRecord record = read(at("2024-01-20T17:59:59Z", 3));

    assertThat(record.rejected()).isFalse();
    assertThat(assigner.extractTimestamp(record, 0L)).isEqualTo(Instant.parse("2024-01-20T17:59:59Z").toEpochMilli());
  }

  @Test
  void invalidAndUndecodableRecordsNeverMoveTheWatermark() {
    InputRecord invalid = read(at("2024-01-20T11:00:00Z", -4));
    InputRecord garbage = reader.read("observations", 0, 1, "garbage".getBytes(StandardCharsets.UTF_8), READ_AT);

    assertThat(invalid.rejectReason).isEqualTo(RejectReason.INVALID_COUNT);
    assertThat(garbage.rejectReason).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(assigner.extractTimestamp(invalid, 0L)).isEqualTo(Long.MIN_VALUE);
    assertThat(assigner.extractTimestamp(garbage, 0L)).isEqualTo(Long.MIN_VALUE);
  }
}
