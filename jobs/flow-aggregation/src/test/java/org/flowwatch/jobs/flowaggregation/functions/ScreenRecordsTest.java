package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScreenRecordsTest {
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));
  private static final long READ_AT = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();
  private final InputRecordDeserializer reader = new InputRecordDeserializer(SourceKind.FLOW_MONITORING, RULES);
  private OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness;
  private long offset;

  @BeforeEach
  void openHarness() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new ScreenRecords(RULES, PointRegistry.niger()));
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void send(byte[] bytes) throws Exception {
    InputRecord input = reader.read("observations", 3, offset++, bytes, READ_AT);
    harness.processElement(input, input.watermarkTimestamp());
  }

  private void send(FlowObservation observation) throws Exception {
    send(AvroCodec.of(FlowObservation.class).encode(observation));
  }

  private List<RejectedRecord> rejected() {
    var output = harness.getSideOutput(ScreenRecords.REJECTED);
    return output == null ? List.of() : output.stream().map(record -> record.getValue()).toList();
  }

  @Test
  void shouldRejectUndecodableBytesKeepingThemAndTheirCoordinates() throws Exception {
    byte[] bytes = "not avro".getBytes(StandardCharsets.UTF_8);
    send(bytes);

    assertThat(harness.extractOutputValues()).isEmpty();
    RejectedRecord rejection = rejected().get(0);
    assertThat(rejection.getReason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(rejection.getSourceTopic()).isEqualTo("observations");
    assertThat(rejection.getSourcePartition()).isEqualTo(3);
    assertThat(rejection.getSourceOffset()).isZero();
    assertThat(rejection.getOriginalBytes().array()).isEqualTo(bytes);
  }

  @Test
  void shouldRejectARecordWhoseWindowIsPastTheAllowedLatenessWithItsBytes() throws Exception {
    harness.processWatermark(new Watermark(Instant.parse("2024-01-20T00:00:00Z").toEpochMilli()));

    send(observation("late", "NE-AGZ", "2024-01-16T22:30:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0)));
    send(observation("in-time", "NE-AGZ", "2024-01-17T01:30:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0)));

    assertThat(rejected()).extracting(RejectedRecord::getReason, RejectedRecord::getSourceOffset)
        .containsExactly(tuple(RejectReason.TOO_LATE, 0L));
    assertThat(rejected().get(0).getOriginalBytes().remaining()).isPositive();
    assertThat(harness.extractOutputValues()).extracting(record -> record.recordId).containsExactly("in-time");
  }

  @Test
  void shouldSendAPassedRecordOnWithoutItsBytesUnlessOnlyTheReferenceStreamCanKnowItsPoint() throws Exception {
    send(observation("known", "NE-AGZ", "2024-01-17T01:30:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0), group("MLI", 2, 1, 0, 0)));
    FlowObservation atNewPoint = observation("new", "NE-NEW", "2024-01-17T01:30:00Z", Direction.INCOMING,
        TransportMode.BUS, group("TCD", 4, 4, 0, 0));
    send(atNewPoint);

    List<InputRecord> passed = harness.extractOutputValues();
    assertThat(passed).extracting(record -> record.recordId, record -> record.value == null,
        record -> record.topic == null).containsExactly(tuple("known", true, true), tuple("new", false, false));
    InputRecord known = passed.get(0);
    assertThat(known.groups()).isEqualTo(2);
    assertThat(known.travellers(0)).isEqualTo(1);
    assertThat(known.travellers(1)).isEqualTo(3);
    assertThat(rejected()).isEmpty();
  }
}
