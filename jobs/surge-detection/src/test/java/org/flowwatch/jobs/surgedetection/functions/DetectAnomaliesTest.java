package org.flowwatch.jobs.surgedetection.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.detectors.EarsC;
import org.flowwatch.detectors.alerts.AlertPolicy;
import org.flowwatch.detectors.alerts.MonitorSettings;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.SurgeAlert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed detection operator with Flink's harness: timers, state, late updates and silence. */
class DetectAnomaliesTest {
  private static final long HOUR = 3_600_000L;
  private static final SeriesKey ROUTE = SeriesKey.route("AGADEZ-LIBYA", null, "OUTGOING");
  private static final MonitorSettings SETTINGS = new MonitorSettings(() -> new EarsC(EarsC.Method.C2), 10, 23, 24, null, 0, 0.5,
      20, 0.3, 0.6, 6 * HOUR, 4, new AlertPolicy(6 * HOUR, 24 * HOUR));

  private KeyedOneInputStreamOperatorTestHarness<String, SeriesUpdate, SurgeAlert> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DetectAnomalies(SETTINGS)),
        update -> update.series.id(), Types.STRING);
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  /** Hourly updates with their watermarks, as the aggregates arrive: hour h closes when hour h+1 arrives. */
  private void hours(long from, long to, java.util.function.LongUnaryOperator count) throws Exception {
    for (long hour = from; hour < to; hour++) {
      harness.processElement(new SeriesUpdate(ROUTE, "", hour, count.applyAsLong(hour)), (hour + 1) * HOUR - 1);
      harness.processWatermark((hour + 1) * HOUR - 2);
    }
  }

  private static long normal(long hour) {
    return 20 + (hour % 24 < 12 ? 10 : 0) + (hour % 5);
  }

  @Test
  void aSurgeIsOneEpisodeThatOpensEscalatesAndResolvesAndItsStateEndsAfterTheCooldown() throws Exception {
    long surge = 14 * 24 + 8;
    hours(0, surge, DetectAnomaliesTest::normal);
    assertThat(harness.extractOutputValues()).isEmpty();

    hours(surge, surge + 10, hour -> normal(hour) * 2);
    hours(surge + 10, surge + 30, hour -> normal(hour) * 8);
    hours(surge + 30, surge + 4 * 24, DetectAnomaliesTest::normal);

    List<SurgeAlert> alerts = harness.extractOutputValues();
    assertThat(alerts).extracting(SurgeAlert::getId).containsOnly(alerts.get(0).getId());
    assertThat(alerts).extracting(SurgeAlert::getSignal).containsOnly(AlertSignal.SURGE);
    assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(alerts.get(alerts.size() - 1).getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alerts.subList(1, alerts.size() - 1)).isNotEmpty()
        .allSatisfy(alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.ESCALATED));
    assertThat(alerts.get(alerts.size() - 2).getSeverity()).isEqualTo(AlertSeverity.HIGH);
    assertThat(alerts).extracting(SurgeAlert::getRevision).containsExactly(
        java.util.stream.IntStream.rangeClosed(1, alerts.size()).boxed().toArray(Integer[]::new));
    // Opened within two hours of the surge's first hour closing.
    long openedHour = alerts.get(0).getOpenedAt().toEpochMilli() / HOUR;
    assertThat(openedHour).isBetween(surge + 1, surge + 3);
    assertThat(alerts.get(0).getRoute()).isEqualTo("AGADEZ-LIBYA");
  }

  @Test
  void aSeriesThatStopsIsStillEvaluatedAndThenForgottenWithItsStateAndTimers() throws Exception {
    hours(0, 14 * 24, DetectAnomaliesTest::normal);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

    // Nothing more arrives; the watermark moves on (other series). The empty days are a collapse first.
    harness.processWatermark(16 * 24 * HOUR);
    assertThat(harness.extractOutputValues()).extracting(SurgeAlert::getSignal).containsOnly(AlertSignal.COLLAPSE)
        .isNotEmpty();

    // Past the history horizon and the collapse's lifecycle, everything about the series goes.
    harness.processWatermark(40 * 24 * HOUR);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aLateUpdateToAPastHourReEvaluatesItAndCanOpenAnEpisodeForThatDay() throws Exception {
    hours(0, 14 * 24, DetectAnomaliesTest::normal);
    long late = 14 * 24 - 30; // in the previous local day, already evaluated
    harness.processElement(new SeriesUpdate(ROUTE, "", late, 5_000), 14 * 24 * HOUR);

    List<SurgeAlert> alerts = harness.extractOutputValues();
    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.HIGH);
      assertThat(alert.getOpenedAt().toEpochMilli()).isEqualTo((14 * 24 - 25) * HOUR); // that day's end
    });
  }

  @Test
  void aPointThatGoesQuietRaisesSilenceInProcessingTimeThatEscalatesAndEndsWhenDataComes() throws Exception {
    SeriesKey point = SeriesKey.point("ASSAMAKA", "INCOMING");
    for (long hour = 0; hour < 8 * 24; hour++) {
      harness.processElement(new SeriesUpdate(point, "NGA|FLOW_MONITORING|null", hour, 10), (hour + 1) * HOUR - 1);
      harness.processWatermark((hour + 1) * HOUR - 1);
    }
    harness.setProcessingTime(6 * HOUR);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
      assertThat(alert.getSignal()).isEqualTo(AlertSignal.SILENCE);
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(alert.getPointCode()).isEqualTo("ASSAMAKA");
    });
    harness.setProcessingTime(12 * HOUR);
    harness.setProcessingTime(13 * HOUR);
    harness.processElement(new SeriesUpdate(point, "NGA|FLOW_MONITORING|null", 8 * 24, 10), 8 * 24 * HOUR);

    assertThat(harness.extractOutputValues()).extracting(SurgeAlert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.ESCALATED, AlertStatus.RESOLVED);
  }
}
