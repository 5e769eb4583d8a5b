package org.flowwatch.detectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowwatch.detectors.EarsC;
import org.junit.jupiter.api.Test;

class SeriesMonitorTest {
  private static final long HOUR = 3_600_000L;
  private static final MonitorSettings SETTINGS = new MonitorSettings(() -> new EarsC(EarsC.Method.C2), 10, 23, 24, null, 0, 0.5,
      20, 0.3, 0.6, 6 * HOUR, 4, new AlertPolicy(6 * HOUR, 48 * HOUR));

  @Test
  void aPlantedSurgeIsFlaggedWithinHoursAsOneEpisodeThatResolves() {
    SeriesMonitor monitor = new SeriesMonitor(SETTINGS);
    SeriesState state = new SeriesState(SETTINGS.historyDays());
    Random random = new Random(11);
    List<Episode> emitted = new ArrayList<>();
    long surgeStart = 20 * 24 + 6;
    long surgeEnd = surgeStart + 36;
    Long firstAlarmHour = null;
    for (long hour = 0; hour < 30 * 24; hour++) {
      long count = 8 + random.nextInt(5) + (hour >= surgeStart && hour < surgeEnd ? 40 : 0);
      monitor.record(state, hour, count);
      var verdict = monitor.evaluate(state, "point=ASSAMAKA|direction=OUTGOING", hour + 1);
      if (verdict.isPresent()) {
        emitted.addAll(verdict.get().emitted());
        if (firstAlarmHour == null && verdict.get().evaluation().alarm()) {
          firstAlarmHour = hour;
        }
      }
    }
    assertThat(firstAlarmHour).isBetween(surgeStart, surgeStart + 3);
    assertThat(emitted).extracting(e -> e.signal).containsOnly(Signal.SURGE);
    assertThat(emitted).extracting(e -> e.status).startsWith(Status.OPEN).endsWith(Status.RESOLVED)
        .containsOnlyOnce(Status.OPEN, Status.RESOLVED);
    assertThat(emitted).extracting(e -> e.id).containsOnly(emitted.get(0).id);
    assertThat(state.surge).as("cleared once the cooldown after resolution passed").isNull();
  }

  @Test
  void aLateUpdateReEvaluatesItsDayAndTheLatestNowcastOnly() {
    SeriesMonitor monitor = new SeriesMonitor(SETTINGS);
    SeriesState state = new SeriesState(SETTINGS.historyDays());
    for (long hour = 0; hour < 15 * 24; hour++) {
      monitor.record(state, hour, 10);
      monitor.evaluate(state, "s", hour + 1);
    }
    long now = 15 * 24; // evaluated until hour 360
    // Local days end at hour 23 (UTC) here. Hour 355 is in the day evaluated at 359 and in the latest nowcast.
    assertThat(monitor.record(state, now - 5, 3)).containsExactly(359L, now);
    // Hour 330: only its day (evaluated at 335); it is older than the latest nowcast's 24 hours.
    assertThat(monitor.record(state, now - 30, 3)).containsExactly(335L);
    assertThat(monitor.record(state, now - 3 * 24, 3)).containsExactly(311L);
    assertThat(monitor.record(state, now, 3)).isEmpty();
  }

  @Test
  void aPointThatNormallyReportsAndGoesQuietRaisesSilenceThatEndsWhenDataComes() {
    SeriesMonitor monitor = new SeriesMonitor(SETTINGS);
    SeriesState state = new SeriesState(SETTINGS.historyDays());
    for (long hour = 0; hour < 8 * 24; hour++) {
      monitor.record(state, hour, 5);
    }
    long now = 1_000_000_000L;
    monitor.arrived(state, "p", now);
    assertThat(monitor.checkSilence(state, "p", now + 5 * HOUR)).isEmpty();
    List<Episode> opened = monitor.checkSilence(state, "p", now + 6 * HOUR);
    assertThat(opened).singleElement().satisfies(e -> {
      assertThat(e.signal).isEqualTo(Signal.SILENCE);
      assertThat(e.status).isEqualTo(Status.OPEN);
    });
    assertThat(monitor.checkSilence(state, "p", now + 12 * HOUR)).singleElement()
        .satisfies(e -> assertThat(e.severity).isEqualTo(Severity.MEDIUM));
    assertThat(monitor.arrived(state, "p", now + 13 * HOUR)).singleElement()
        .satisfies(e -> assertThat(e.status).isEqualTo(Status.RESOLVED));
  }

  @Test
  void aPointThatRarelyReportsIsNeverSilent() {
    SeriesMonitor monitor = new SeriesMonitor(SETTINGS);
    SeriesState state = new SeriesState(SETTINGS.historyDays());
    monitor.record(state, 0, 5);
    monitor.record(state, 100, 5);
    monitor.arrived(state, "p", 0);
    assertThat(monitor.checkSilence(state, "p", 100 * HOUR)).isEmpty();
  }

  @Test
  void aFastWindowOpensASharpSurgeSoonerThanTheDayAlone() {
    MonitorSettings fast = new MonitorSettings(() -> new EarsC(EarsC.Method.C2), 10, 23, 24,
        () -> new EarsC(EarsC.Method.C2, 7, 0.0001, 0), 3, 0.5, 20, 0.3, 0.6, 6 * HOUR, 4,
        new AlertPolicy(6 * HOUR, 48 * HOUR));
    long surge = 20 * 24 + 8;
    long withFastWindow = firstOpened(fast, surge);
    long dayAlone = firstOpened(SETTINGS, surge);
    assertThat(withFastWindow).isBetween(surge, surge + 2);
    assertThat(dayAlone).isGreaterThan(withFastWindow);
  }

  /**
   * The hour an alert first opens on a series whose level moves from day to day (19, 20, 21 an hour) and that rises
   * by 6 an hour from {@code surge} on: small against a day's variation, large against three hours'.
   */
  private static long firstOpened(MonitorSettings settings, long surge) {
    SeriesMonitor monitor = new SeriesMonitor(settings);
    SeriesState state = new SeriesState(settings.historyDays());
    for (long hour = 0; hour < 25 * 24; hour++) {
      monitor.record(state, hour, 19 + (hour / 24) % 3 + (hour >= surge ? 6 : 0));
      var verdict = monitor.evaluate(state, "s", hour + 1);
      if (verdict.isPresent() && !verdict.get().emitted().isEmpty()) {
        return hour;
      }
    }
    throw new AssertionError("no alert");
  }
}
