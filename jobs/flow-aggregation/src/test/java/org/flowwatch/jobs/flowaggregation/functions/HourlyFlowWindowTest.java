package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job's hourly window (same assigner, aggregate and window function) under the keyed operator test harness. */
class HourlyFlowWindowTest {
  private static final Duration ALLOWED_LATENESS = Duration.ofHours(6);
  private static final KeySelector<Movement, FlowKey> KEY = Movement::key;

  private KeyedOneInputStreamOperatorTestHarness<FlowKey, Movement, FlowAggregate> harness;

  @BeforeEach
  void openHarness() throws Exception {
    WindowOperatorBuilder<Movement, FlowKey, TimeWindow> builder = new WindowOperatorBuilder<>(
        FlowAggregationJob.HOURLY_WINDOWS, EventTimeTrigger.create(), new ExecutionConfig(),
        TypeInformation.of(Movement.class), KEY, TypeInformation.of(FlowKey.class));
    builder.allowedLateness(ALLOWED_LATENESS);
    OneInputStreamOperator<Movement, FlowAggregate> operator = builder.aggregate(new FlowCountsAggregate(),
        new EmitFlowAggregate(WindowGranularity.HOURLY), TypeInformation.of(FlowCounts.class));
    harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, KEY, TypeInformation.of(FlowKey.class));
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static long at(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  private void movement(String point, String nationality, String time, long men, long women) throws Exception {
    Movement movement = new Movement();
    movement.sourceKind = "FLOW_MONITORING";
    movement.route = "AGADEZ-LIBYA";
    movement.pointCode = point;
    movement.direction = "OUTGOING";
    movement.nationality = nationality;
    movement.transportMode = "TRUCK";
    movement.eventTimeMillis = at(time);
    movement.men = men;
    movement.women = women;
    harness.processElement(movement, movement.eventTimeMillis);
  }

  @Test
  void shouldEmitOneAggregatePerKeyWhenTheWatermarkPassesTheHour() throws Exception {
    movement("NE-AGZ", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    movement("NE-AGZ", "NGA", "2024-01-15T08:50:00Z", 5, 0);
    movement("NE-AGZ", "MLI", "2024-01-15T08:20:00Z", 3, 1);
    movement("NE-AGZ", "NGA", "2024-01-15T09:10:00Z", 7, 0);

    harness.processWatermark(at("2024-01-15T08:59:59.999Z"));

    assertThat(harness.extractOutputValues())
        .extracting(FlowAggregate::getNationality, FlowAggregate::getTravellers, FlowAggregate::getObservations,
            FlowAggregate::getRevision)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("NGA", 17L, 2L, 1),
            org.assertj.core.groups.Tuple.tuple("MLI", 4L, 1L, 1));
    assertThat(harness.extractOutputValues()).allSatisfy(aggregate -> {
      assertThat(aggregate.getWindowStart()).isEqualTo(Instant.parse("2024-01-15T08:00:00Z"));
      assertThat(aggregate.getWindowEnd()).isEqualTo(Instant.parse("2024-01-15T09:00:00Z"));
    });
  }

  @Test
  void shouldEmitAHigherRevisionWhenALateRecordArrivesWithinTheAllowedLateness() throws Exception {
    movement("NE-AGZ", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    harness.processWatermark(at("2024-01-15T10:00:00Z"));

    movement("NE-AGZ", "NGA", "2024-01-15T08:40:00Z", 4, 0);

    assertThat(harness.extractOutputValues())
        .extracting(FlowAggregate::getTravellers, FlowAggregate::getRevision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(12L, 1), org.assertj.core.groups.Tuple.tuple(16L, 2));
  }

  @Test
  void shouldClearStateAndTimersOnceTheAllowedLatenessHasPassed() throws Exception {
    movement("NE-AGZ", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(at("2024-01-15T09:00:00Z") + ALLOWED_LATENESS.toMillis());

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldIgnoreARecordLaterThanTheAllowedLateness() throws Exception {
    movement("NE-AGZ", "NGA", "2024-01-15T08:05:00Z", 10, 2);
    harness.processWatermark(at("2024-01-15T09:00:00Z") + ALLOWED_LATENESS.toMillis());
    int emitted = harness.extractOutputValues().size();

    movement("NE-AGZ", "NGA", "2024-01-15T08:30:00Z", 1, 0);

    assertThat(harness.extractOutputValues()).hasSize(emitted);
  }
}
