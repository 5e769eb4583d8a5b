package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowAggregate;
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

class HourlyPointFlowsTest {
  private static final Duration ALLOWED_LATENESS = Duration.ofHours(6);
  private static final RecordRules RULES = new RecordRules(5_000, ALLOWED_LATENESS, Duration.ofDays(3));
  private static final long READ_AT = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();
  private KeyedBroadcastOperatorTestHarness<HourBucket, InputRecord, MonitoringPoint, FlowAggregate> harness;
  private long offset;

  @BeforeEach
  void openHarness() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new HourlyPointFlows(RULES, PointRegistry.niger()), HourBucket::of, TypeInformation.of(HourBucket.class),
        HourlyPointFlows.POINTS);
    // As in the job: the reference stream is idle for good and never carries event time (ReferenceWatermarks).
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static long at(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  private void send(SourceKind kind, byte[] bytes) throws Exception {
    InputRecord input = new InputRecordDeserializer(kind, RULES).read("topic-" + kind, 3, offset++, bytes, READ_AT);
    assertThat(input.rejected()).isFalse();
    harness.processElement(input, input.eventTimeMillis);
  }

  private void send(FlowObservation observation) throws Exception {
    send(SourceKind.FLOW_MONITORING, AvroCodec.of(FlowObservation.class).encode(observation));
  }

  private void observe(String id, String nationality, String time, int men, int women) throws Exception {
    send(observation(id, "NE-AGZ", time, Direction.OUTGOING, TransportMode.TRUCK, group(nationality, men, women, 0, 0)));
  }

  private void watermark(long timestamp) throws Exception {
    harness.processWatermark(new Watermark(timestamp));
  }

  private List<FlowAggregate> emitted() {
    return harness.extractOutputValues();
  }

  private int keyedStateEntries() {
    var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getTwoInputOperator();
    return ((org.apache.flink.runtime.state.TestableKeyedStateBackend<?>) operator.getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  private <T> List<T> sideOutput(org.apache.flink.util.OutputTag<T> tag) {
    var output = harness.getSideOutput(tag);
    return output == null ? List.of() : output.stream().map(record -> record.getValue()).toList();
  }

  @Test
  void shouldEmitOneEnrichedAggregatePerCellWhenTheWatermarkPassesTheHour() throws Exception {
    send(observation("o1", "NE-AGZ", "2024-01-15T08:05:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 10, 2, 0, 0), group("MLI", 3, 1, 0, 0)));
    observe("o2", "NGA", "2024-01-15T08:50:00Z", 5, 0);
    observe("o3", "NGA", "2024-01-15T09:10:00Z", 7, 0);
    assertThat(emitted()).isEmpty();

    watermark(at("2024-01-15T08:59:59.999Z"));

    assertThat(emitted())
        .extracting(FlowAggregate::getNationality, FlowAggregate::getTravellers, FlowAggregate::getObservations,
            FlowAggregate::getRevision, FlowAggregate::getRoute, FlowAggregate::getAdminRegion)
        .containsExactlyInAnyOrder(tuple("NGA", 17L, 2L, 1, "AGADEZ-LIBYA", "Agadez"),
            tuple("MLI", 4L, 1L, 1, "AGADEZ-LIBYA", "Agadez"));
    assertThat(emitted()).allSatisfy(aggregate -> {
      assertThat(aggregate.getWindowStart()).isEqualTo(Instant.parse("2024-01-15T08:00:00Z"));
      assertThat(aggregate.getWindowEnd()).isEqualTo(Instant.parse("2024-01-15T09:00:00Z"));
      assertThat(aggregate.getLatitude()).isEqualTo(16.97);
      assertThat(aggregate.getTransportModes()).containsOnlyKeys("TRUCK");
    });
  }

  @Test
  void shouldCountAnIdOnceAndReportEachResendWithItsNumber() throws Exception {
    observe("a", "NGA", "2024-01-15T08:10:00Z", 1, 0);
    observe("a", "NGA", "2024-01-15T08:10:00Z", 1, 0);
    observe("a", "NGA", "2024-01-15T08:10:00Z", 1, 0);
    observe("b", "NGA", "2024-01-15T08:20:00Z", 1, 0);
    watermark(at("2024-01-15T09:00:00Z"));

    assertThat(emitted()).extracting(FlowAggregate::getTravellers).containsExactly(2L);
    assertThat(sideOutput(HourlyPointFlows.DUPLICATES)).extracting(duplicate -> duplicate.dedupKey, d -> d.resend)
        .containsExactly(tuple(DuplicateRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "a"), 1),
            tuple(DuplicateRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "a"), 2));
  }

  @Test
  void shouldKeepIdsOfDifferentRegistriesApart() throws Exception {
    observe("same-id", "NGA", "2024-01-15T08:10:00Z", 1, 0);
    send(observation("same-id", "NE-ARL", "2024-01-15T08:10:00Z", Direction.OUTGOING, TransportMode.TRUCK,
        group("NGA", 1, 0, 0, 0)));
    watermark(at("2024-01-15T09:00:00Z"));

    assertThat(emitted()).extracting(FlowAggregate::getPointCode).containsExactlyInAnyOrder("NE-AGZ", "NE-ARL");
    assertThat(sideOutput(HourlyPointFlows.DUPLICATES)).isEmpty();
  }

  @Test
  void shouldEmitAHigherRevisionOfTheCellALateRecordUpdates() throws Exception {
    observe("a", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    observe("b", "MLI", "2024-01-15T08:06:00Z", 1, 0);
    watermark(at("2024-01-15T10:00:00Z"));

    observe("c", "NGA", "2024-01-15T08:40:00Z", 4, 0);
    observe("d", "TCD", "2024-01-15T08:41:00Z", 2, 0);

    assertThat(emitted()).extracting(FlowAggregate::getNationality, FlowAggregate::getTravellers,
            FlowAggregate::getRevision)
        .containsExactlyInAnyOrder(tuple("NGA", 12L, 1), tuple("MLI", 1L, 1), tuple("NGA", 16L, 2),
            tuple("TCD", 2L, 1));
  }

  @Test
  void shouldForgetTheBucketExactlyWhenItsRecordsBecomeTooLateWithOneTimerPerBucket() throws Exception {
    observe("a", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    observe("b", "MLI", "2024-01-15T08:06:00Z", 1, 0);
    observe("c", "MLI", "2024-01-15T08:07:00Z", 1, 0);
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    long forgetAt = RULES.forgetAt(at("2024-01-15T08:05:00Z"));

    watermark(forgetAt - 1);
    assertThat(keyedStateEntries()).isPositive();
    observe("a", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    assertThat(sideOutput(HourlyPointFlows.DUPLICATES)).hasSize(1);

    watermark(forgetAt);
    assertThat(keyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(RULES.tooLate(at("2024-01-15T08:05:00Z"), forgetAt)).isTrue();
  }

  @Test
  void shouldRejectAnUnknownPointUntilTheReferenceStreamAddsIt() throws Exception {
    FlowObservation atNewPoint = observation("o2", "NE-NEW", "2024-01-15T08:10:00Z", Direction.INCOMING,
        TransportMode.BUS, group("TCD", 4, 4, 0, 0));
    atNewPoint.setRoute(null);
    send(atNewPoint);
    assertThat(sideOutput(HourlyPointFlows.REJECTED)).extracting(RejectedRecord::getReason, RejectedRecord::getSourceOffset)
        .containsExactly(tuple(RejectReason.UNKNOWN_POINT, 0L));
    assertThat(sideOutput(HourlyPointFlows.REJECTED).get(0).getOriginalBytes().remaining()).isPositive();

    harness.processBroadcastElement(new MonitoringPoint("NE-NEW", "New point", PointKind.FLOW_MONITORING_POINT, "NER",
        "Diffa", 13.3, 12.6, List.of("DIFFA-CHAD")), 0L);
    send(atNewPoint);
    watermark(at("2024-01-15T09:00:00Z"));

    assertThat(emitted()).singleElement()
        .satisfies(aggregate -> assertThat(aggregate.getAdminRegion()).isEqualTo("Diffa"))
        .satisfies(aggregate -> assertThat(aggregate.getRoute()).isEqualTo("DIFFA-CHAD"));
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
    watermark(at("2024-01-15T09:00:00Z"));

    assertThat(emitted()).extracting(a -> a.getDirection().name(), FlowAggregate::getGirls,
            FlowAggregate::getUnspecified, FlowAggregate::getChildrenUnder5, a -> a.getSourceKind().name(),
            FlowAggregate::getRoute)
        .containsExactlyInAnyOrder(tuple("INCOMING", 1L, 0L, 1L, "BORDER_CROSSING", "KANO-ZINDER"),
            tuple("OUTGOING", 0L, 1L, 0L, "BORDER_CROSSING", "KANO-ZINDER"));
  }

  @Test
  void aCellUpdatedAfterARestoreFiresWhenTheWatermarkReachesItsHourAgainAndOnlyIt() throws Exception {
    observe("a", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    observe("b", "MLI", "2024-01-15T08:06:00Z", 1, 0);
    watermark(at("2024-01-15T09:00:00Z"));
    assertThat(emitted()).hasSize(2);
    var snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = new KeyedBroadcastOperatorTestHarness<>(
        new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
            new HourlyPointFlows(RULES, PointRegistry.niger()), List.of(HourlyPointFlows.POINTS)),
        HourBucket::of, TypeInformation.of(HourBucket.class), 1, 1, 0);
    harness.initializeState(snapshot);
    harness.open();
    harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
    // The watermark starts over after a restore: the late record meets an hour this operator has not seen close.
    observe("c", "NGA", "2024-01-15T08:40:00Z", 4, 0);
    assertThat(emitted()).isEmpty();

    watermark(at("2024-01-15T09:00:00Z"));

    assertThat(emitted()).extracting(FlowAggregate::getNationality, FlowAggregate::getTravellers,
        FlowAggregate::getRevision).containsExactly(tuple("NGA", 16L, 2));
  }
}
