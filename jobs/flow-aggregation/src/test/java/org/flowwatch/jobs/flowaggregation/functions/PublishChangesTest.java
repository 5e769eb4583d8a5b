package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishChangesTest {
  private static final Instant START = Instant.parse("2024-01-15T08:00:00Z");
  private static final long LATENESS = Duration.ofDays(3).toMillis();
  private KeyedOneInputStreamOperatorTestHarness<String, FlowAggregate, FlowAggregate> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PublishChanges(LATENESS)),
        FlowAggregateDocuments::documentId, Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static FlowAggregate rounded(long travellers, int upstreamRevision) {
    return FlowAggregate.newBuilder()
        .setGranularity(WindowGranularity.HOURLY).setWindowStart(START).setWindowEnd(START.plusSeconds(3600))
        .setPointCode("NE-AGZ").setDirection(Direction.OUTGOING).setNationality("OTHER")
        .setTravellers(travellers).setMen(travellers).setWomen(0).setBoys(0).setGirls(0)
        .setTransportModes(Map.of()).setObservations(travellers).setRevision(upstreamRevision)
        .build();
  }

  @Test
  void shouldPublishOnlyChangedCountsAndNumberTheChanges() throws Exception {
    harness.processElement(rounded(5, 1), 0L);
    harness.processElement(rounded(5, 2), 0L);  // a late arrival the rounding hides
    harness.processElement(rounded(10, 3), 0L);

    assertThat(harness.extractOutputValues()).extracting(FlowAggregate::getTravellers, FlowAggregate::getRevision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, 1), org.assertj.core.groups.Tuple.tuple(10L, 2));
  }

  @Test
  void shouldNotPublishADocumentThatCountsNobodyAndWasNeverPublished() throws Exception {
    harness.processElement(rounded(0, 1), 0L);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldForgetTheCellOnceItsAllowedLatenessHasPassed() throws Exception {
    harness.processElement(rounded(5, 1), 0L);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(START.plusSeconds(3600).toEpochMilli() + LATENESS);

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
