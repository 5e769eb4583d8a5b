package org.flowwatch.detectors.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flowwatch.detectors.Detector;
import org.flowwatch.detectors.Evaluation;

/**
 * Monitors one series at a time: hourly evaluations of the trailing 24 hours (the daily one at the local day's end,
 * the nowcast at every other hour) for surges and collapses, silence checks in processing time, and the alert
 * lifecycle on top. Plain Java: the Flink operator only keeps the {@link SeriesState} and calls in.
 */
public final class SeriesMonitor {
  private static final long HOUR = 3_600_000L;

  private final MonitorSettings settings;
  private final Detector detector;
  private final Detector fastDetector;
  private final AlertLifecycle lifecycle;
  private final AlertLifecycle silenceLifecycle;
  private long suppressed;

  public SeriesMonitor(MonitorSettings settings) {
    this.settings = settings;
    this.detector = settings.detector().get();
    this.fastDetector = settings.fastDetector() == null ? null : settings.fastDetector().get();
    this.lifecycle = new AlertLifecycle(settings.policy());
    // Silence ends when data arrives: no calm period to wait for.
    this.silenceLifecycle = new AlertLifecycle(new AlertPolicy(0, settings.policy().cooldownMillis()));
  }

  public Detector detector() {
    return detector;
  }

  /** Alarms dropped because they fell in a cooldown, since this monitor was created. */
  public long suppressed() {
    return suppressed;
  }

  /** Whether the evaluation ending at {@code endHour} is the daily one (else the nowcast). */
  public boolean isDailyBoundary(long endHour) {
    return Math.floorMod(endHour, 24L) == settings.dailyBoundaryHour();
  }

  /** Records movements of an hour; returns the evaluations a late update changes, to re-run. */
  public List<Long> record(SeriesState state, long hour, long delta) {
    if (!state.history.add(hour, delta) || state.evaluatedUntilHour < 0 || hour >= state.evaluatedUntilHour) {
      return List.of();
    }
    // A late update: the daily evaluation of its day, and the latest nowcast if the hour is in its 24 hours.
    List<Long> affected = new ArrayList<>(2);
    long dayEnd = hour + 1 + Math.floorMod(settings.dailyBoundaryHour() - (hour + 1), 24L);
    if (dayEnd <= state.evaluatedUntilHour) {
      affected.add(dayEnd);
    }
    if (hour >= state.evaluatedUntilHour - 24 && dayEnd != state.evaluatedUntilHour) {
      affected.add(state.evaluatedUntilHour);
    }
    return affected;
  }

  /** What one evaluation saw, for metrics and tests. */
  public record Verdict(long endHour, Evaluation evaluation, List<Episode> emitted) {}

  /**
   * Evaluates the hours ending at {@code endHour} (exclusive, epoch hour) for surge and collapse: the local day at
   * its end, else the nowcast window, each against the same hours of past days.
   *
   * @return empty when the series has too little history yet
   */
  public Optional<Verdict> evaluate(SeriesState state, String seriesKey, long endHour) {
    state.history.advanceTo(endHour - 1);
    state.evaluatedUntilHour = Math.max(state.evaluatedUntilHour, endHour);
    int window = isDailyBoundary(endHour) ? 24 : settings.nowcastWindowHours();
    double[] days = state.history.windowSums(endHour, settings.detectorHistoryDays(), window);
    if (days == null) {
      return Optional.empty();
    }
    Evaluation evaluation = detector.evaluateAt(days, days.length - 1);
    if (!evaluation.enoughHistory()) {
      return Optional.empty();
    }
    if (fastDetector != null && !evaluation.alarm() && !isDailyBoundary(endHour) && fastAlarm(state, endHour)) {
      // The episode reports the 24-hour figures; the fast window only makes it open sooner.
      evaluation = new Evaluation(evaluation.index(), evaluation.observed(), evaluation.expected(),
          evaluation.threshold(), evaluation.score(), true, true);
    }
    long time = endHour * HOUR;
    List<Episode> emitted = new ArrayList<>(2);
    if (!Double.isNaN(evaluation.threshold())) {
      apply(state, seriesKey, Check.surge(time, detector.name(), evaluation.observed(), evaluation.expected(),
          evaluation.threshold(), evaluation.score(), evaluation.alarm(), settings.hysteresis()), lifecycle, emitted);
    }
    if (!Double.isNaN(evaluation.expected())) {
      apply(state, seriesKey, Check.collapse(time, detector.name(), evaluation.observed(), evaluation.expected(),
          settings.collapseMinExpected(), settings.collapseFraction(), settings.collapseCalmFraction()), lifecycle,
          emitted);
    }
    return Optional.of(new Verdict(endHour, evaluation, emitted));
  }

  private boolean fastAlarm(SeriesState state, long endHour) {
    double[] recent = state.history.windowSums(endHour, settings.detectorHistoryDays(), settings.fastWindowHours());
    if (recent == null) {
      return false;
    }
    Evaluation quick = fastDetector.evaluateAt(recent, recent.length - 1);
    return quick.enoughHistory() && quick.alarm();
  }

  /**
   * A silence check at processing time {@code now}: alarms when the series normally reports (data on enough of the
   * last 7 days of its history) and nothing arrived for the configured time.
   */
  public List<Episode> checkSilence(SeriesState state, String seriesKey, long now) {
    List<Episode> emitted = new ArrayList<>(1);
    if (state.lastArrivalMillis < 0 || state.history.newestHour < 0) {
      return emitted;
    }
    boolean normallyReports = state.history.activeDays(state.history.newestHour + 1, 7)
        >= settings.silenceMinActiveDays();
    long silent = now - state.lastArrivalMillis;
    if (normallyReports || state.silence != null) {
      apply(state, seriesKey, Check.silence(now, silent, settings.silenceAfterMillis(), Double.NaN), silenceLifecycle,
          emitted);
    }
    return emitted;
  }

  /** Data arrived at processing time {@code now}: a silence episode resolves. */
  public List<Episode> arrived(SeriesState state, String seriesKey, long now) {
    state.lastArrivalMillis = now;
    List<Episode> emitted = new ArrayList<>(1);
    if (state.silence != null) {
      apply(state, seriesKey, Check.silence(now, 0, settings.silenceAfterMillis(), Double.NaN), silenceLifecycle,
          emitted);
    }
    return emitted;
  }

  private void apply(SeriesState state, String seriesKey, Check check, AlertLifecycle rules, List<Episode> emitted) {
    AlertLifecycle.Outcome outcome = rules.apply(seriesKey, state.episode(check.signal()), check);
    state.episode(check.signal(), outcome.state().orElse(null));
    outcome.emitted().ifPresent(emitted::add);
    if (outcome.suppressed()) {
      suppressed++;
    }
  }
}
