package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.ValidRecord;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.PointKind;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateAndEnrichTest {
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));
  private static final long READ_AT = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();
  private BroadcastOperatorTestHarness<InputRecord, MonitoringPoint, ValidRecord> harness;
  private long offset;

  @BeforeEach
  void openHarness() throws Exception {
    harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
        new ValidateAndEnrich(RULES, PointRegistry.niger()), ValidateAndEnrich.POINTS);
    // As in the job: the reference stream is idle for good and never carries event time (ReferenceWatermarks).
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private void send(SourceKind kind, byte[] bytes) throws Exception {
    InputRecord input = new InputRecordDeserializer(kind, RULES).read("topic-" + kind, 3, offset++, bytes, READ_AT);
    harness.processElement(input, input.watermarkTimestamp());
  }

  private void send(FlowObservation observation) throws Exception {
    send(SourceKind.FLOW_MONITORING, AvroCodec.of(FlowObservation.class).encode(observation));
  }

  private List<RejectedRecord> rejected() {
    var output = harness.getSideOutput(ValidateAndEnrich.REJECTED);
    return output == null ? List.of() : output.stream().map(r -> r.getValue()).toList();
  }

  @Test
  void shouldEnrichAValidObservationWithItsPointAndRoute() throws Exception {
    send(observation("o1", "NE-AGZ", "2024-01-15T08:10:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 10, 1, 0, 0), group("MLI", 3, 0, 0, 0)));

    ValidRecord record = harness.extractOutputValues().get(0);
    assertThat(record.dedupKey).isEqualTo(ValidRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "o1"));
    assertThat(record.movements).extracting(m -> m.nationality, Movement::travellers, m -> m.adminRegion, m -> m.route)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("NGA", 11L, "Agadez", "AGADEZ-LIBYA"),
            org.assertj.core.groups.Tuple.tuple("MLI", 3L, "Agadez", "AGADEZ-LIBYA"));
    assertThat(record.movements.get(0).latitude).isEqualTo(16.97);
    assertThat(rejected()).isEmpty();
  }

  @Test
  void shouldRejectUndecodableBytesKeepingThemAndTheirCoordinates() throws Exception {
    byte[] bytes = "not avro".getBytes(StandardCharsets.UTF_8);
    send(SourceKind.FLOW_MONITORING, bytes);

    assertThat(harness.extractOutputValues()).isEmpty();
    RejectedRecord rejection = rejected().get(0);
    assertThat(rejection.getReason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(rejection.getSourceTopic()).isEqualTo("topic-FLOW_MONITORING");
    assertThat(rejection.getSourcePartition()).isEqualTo(3);
    assertThat(rejection.getSourceOffset()).isZero();
    assertThat(rejection.getOriginalBytes().array()).isEqualTo(bytes);
  }

  @Test
  void shouldRejectAnUnknownPointUntilTheReferenceStreamAddsIt() throws Exception {
    FlowObservation atNewPoint = observation("o2", "NE-NEW", "2024-01-15T08:10:00Z", Direction.INCOMING,
        TransportMode.BUS, group("TCD", 4, 4, 0, 0));
    atNewPoint.setRoute(null);
    send(atNewPoint);
    assertThat(rejected()).extracting(RejectedRecord::getReason).containsExactly(RejectReason.UNKNOWN_POINT);

    harness.processBroadcastElement(new MonitoringPoint("NE-NEW", "New point", PointKind.FLOW_MONITORING_POINT, "NER",
        "Diffa", 13.3, 12.6, List.of("DIFFA-CHAD")), 0L);
    send(atNewPoint);

    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(record -> assertThat(record.movements.get(0).adminRegion).isEqualTo("Diffa"))
        .satisfies(record -> assertThat(record.movements.get(0).route).isEqualTo("DIFFA-CHAD"));
  }

  @Test
  void shouldRejectARecordWhoseWindowIsPastTheAllowedLateness() throws Exception {
    harness.processWatermark(new Watermark(Instant.parse("2024-01-20T00:00:00Z").toEpochMilli()));

    send(observation("late", "NE-AGZ", "2024-01-16T22:30:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0)));
    send(observation("in-time", "NE-AGZ", "2024-01-17T01:30:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0)));

    assertThat(rejected()).extracting(RejectedRecord::getReason, RejectedRecord::getSourceOffset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RejectReason.TOO_LATE, 0L));
    assertThat(harness.extractOutputValues()).extracting(r -> r.dedupKey)
        .containsExactly(ValidRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "in-time"));
  }

  @Test
  void shouldCountABorderCrossingAsOnePersonOfItsSexAndAge() throws Exception {
    AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    send(SourceKind.BORDER_CROSSING, codec.encode(new CheckpointCrossing("c1", "NE-MAG",
        Instant.parse("2024-01-15T08:10:00Z"), CrossingDirection.ENTRY, "NGA", Sex.FEMALE, AgeBand.UNDER_5,
        DocumentType.NONE, MovementReason.SEASONAL)));
    send(SourceKind.BORDER_CROSSING, codec.encode(new CheckpointCrossing("c2", "NE-MAG",
        Instant.parse("2024-01-15T08:11:00Z"), CrossingDirection.EXIT, "NER", Sex.UNKNOWN, AgeBand.AGE_18_59,
        DocumentType.PASSPORT, MovementReason.SEASONAL)));

    List<Movement> movements = harness.extractOutputValues().stream().flatMap(r -> r.movements.stream()).toList();
    assertThat(movements).extracting(m -> m.direction, m -> m.girls, m -> m.unspecified, m -> m.childrenUnder5,
            m -> m.sourceKind, m -> m.route)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("INCOMING", 1L, 0L, 1L, "BORDER_CROSSING", "KANO-ZINDER"),
            org.assertj.core.groups.Tuple.tuple("OUTGOING", 0L, 1L, 0L, "BORDER_CROSSING", "KANO-ZINDER"));
  }
}
