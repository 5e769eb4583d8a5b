package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily cells from hourly members (the views derived on LatestPerMember) under the keyed operator test harness. */
class DailyFromHourlyTest {
  private static final ZoneOffset NIGER = ZoneOffset.ofHours(1);
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long ALLOWED_LATENESS = Duration.ofDays(3).toMillis();

  private KeyedOneInputStreamOperatorTestHarness<String, FlowAggregate, FlowAggregate> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DailyFromHourly(NIGER, ALLOWED_LATENESS)),
        hourly -> DailyFromHourly.cell(hourly, NIGER), Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static long at(String time) {
    return Instant.parse(time).toEpochMilli();
  }

  private void hourly(String hourStart, long men, int revision) throws Exception {
    Movement movement = new Movement();
    movement.sourceKind = "FLOW_MONITORING";
    movement.pointCode = "NE-AGZ";
    movement.direction = "OUTGOING";
    movement.nationality = "NGA";
    movement.route = "AGADEZ-LIBYA";
    movement.transportMode = "TRUCK";
    movement.men = men;
    long start = at(hourStart);
    FlowAggregate member = Aggregates.pointLevel(WindowGranularity.HOURLY, movement.key(),
        new TimeWindow(start, start + HOUR), new FlowCounts().add(movement), revision);
    harness.processElement(member, start + HOUR - 1);
  }

  @Test
  void shouldPublishADayOnceWhenTheWatermarkPassesItAndAgainOnEachLateRevision() throws Exception {
    hourly("2024-01-15T08:00:00Z", 10, 1);
    hourly("2024-01-15T09:00:00Z", 5, 1);
    harness.processWatermark(at("2024-01-15T22:59:59.999Z")); // end of the local day 2024-01-15 (UTC+1)

    hourly("2024-01-15T09:00:00Z", 7, 2); // a late revision of one hour replaces it

    assertThat(harness.extractOutputValues()).extracting(FlowAggregate::getTravellers, FlowAggregate::getRevision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(15L, 1), org.assertj.core.groups.Tuple.tuple(17L, 2));
  }

  @Test
  void shouldPublishACellFirstSeenLateExactlyOnce() throws Exception {
    harness.processWatermark(at("2024-01-16T06:00:00Z"));

    hourly("2024-01-15T08:00:00Z", 3, 1); // the first member of a day whose end the watermark has passed
    harness.processWatermark(at("2024-01-16T07:00:00Z"));

    assertThat(harness.extractOutputValues()).extracting(FlowAggregate::getTravellers, FlowAggregate::getRevision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 1));
  }

  @Test
  void shouldForgetTheCellOnceTheAllowedLatenessHasPassed() throws Exception {
    hourly("2024-01-15T08:00:00Z", 10, 1);
    harness.processWatermark(at("2024-01-15T23:00:00Z") + ALLOWED_LATENESS);

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
