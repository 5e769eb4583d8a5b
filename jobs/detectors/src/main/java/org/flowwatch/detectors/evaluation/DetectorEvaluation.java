package org.flowwatch.detectors.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowwatch.detectors.Evaluation;
import org.flowwatch.detectors.HourlyHistory;
import org.flowwatch.detectors.alerts.AlertLifecycle;
import org.flowwatch.detectors.alerts.AlertPolicy;
import org.flowwatch.detectors.alerts.Check;
import org.flowwatch.detectors.alerts.Episode;
import org.flowwatch.detectors.alerts.Status;
import org.flowwatch.detectors.evaluation.SyntheticSet.Kind;
import org.flowwatch.detectors.evaluation.SyntheticSet.Series;

/**
 * Runs every method over a synthetic set, in the two ways the streaming job evaluates: daily (the 24 hours of each
 * day, at its end) and nowcast (the trailing 24 hours at every hour, against the same 24 hours of past days), and
 * scores them.
 *
 * <p>Definitions. An evaluation covers the 24 hours before its time; it overlaps an event if those hours meet the
 * event's hours. Precision: alarming evaluations that overlap a surge, over all alarming evaluations. Recall: surges
 * with at least one overlapping alarm. False alarms: runs of consecutive alarming evaluations that overlap no event
 * (one run is what a subscriber sees as one alert), per 100 series-days evaluated. Delay: hours from the start of a
 * surge to its first overlapping alarm. Collapses use the streaming job's collapse rule on each method's expected
 * value; collapse and silence events count for it. False alerts: what subscribers would receive, the surge
 * episodes the streaming job's lifecycle (hysteresis 0.5, resolved after 6 calm hours, 24 hours cooldown) opens at
 * an evaluation that overlaps no event, per 100 series-days.
 */
public final class DetectorEvaluation {
  /** The streaming defaults of the collapse rule. */
  private static final double COLLAPSE_MIN_EXPECTED = 20;
  private static final double COLLAPSE_FRACTION = 0.3;
  private static final double COLLAPSE_CALM = 0.6;
  /** Evaluations start on this day for every method (Farrington needs 8 weeks), so all see the same days. */
  public static final int FIRST_DAY = 60;

  private DetectorEvaluation() {}

  /** Scores of one method in one mode. */
  public record Score(String method, String mode, double precision, double[] recallBySize, double recallTwoOrMore,
      double falseAlarmsPer100Days, double falseAlertsPer100Days, double medianDelayHours, double medianDelayTwoOrMoreHours, double collapseRecall, double collapseFalseAlarmsPer100Days,
      double collapseMedianDelayHours) {}

  public static List<Score> run(List<Series> set, List<MethodUnderTest> methods) {
    List<Score> scores = new ArrayList<>();
    for (MethodUnderTest method : methods) {
      scores.add(score(method, "daily", 24, set, series -> daily(method, series)));
      if (method.fastDetector() != null) {
        scores.add(score(method, "nowcast 24h + 6h", 24, set, series -> combinedNowcast(method, series)));
      } else if (method.nowcasts()) {
        scores.add(score(method, "nowcast", 24, set, series -> nowcast(method, series, 24)));
        scores.add(score(method, "nowcast 6h", 6, set, series -> nowcast(method, series, 6)));
      }
    }
    return scores;
  }

  /** An evaluation at the end of an hour (exclusive, hours from the series' start). */
  private record Timed(long endHour, Evaluation evaluation) {}

  private static List<Timed> daily(MethodUnderTest method, Series series) {
    double[] days = new double[series.days()];
    for (int hour = 0; hour < series.hourly().length; hour++) {
      days[hour / 24] += series.hourly()[hour];
    }
    List<Evaluation> evaluations = method.evaluateDays(days, FIRST_DAY);
    List<Timed> timed = new ArrayList<>();
    for (int day = FIRST_DAY; day < days.length; day++) {
      timed.add(new Timed((day + 1) * 24L, evaluations.get(day)));
    }
    return timed;
  }

  private static List<Timed> nowcast(MethodUnderTest method, Series series, int windowHours) {
    int historyDays = method.requiredHistory() + 1;
    HourlyHistory history = new HourlyHistory(series.days());
    for (int hour = 0; hour < series.hourly().length; hour++) {
      history.add(hour, series.hourly()[hour]);
    }
    List<Timed> timed = new ArrayList<>();
    for (long end = FIRST_DAY * 24L + 1; end <= series.hourly().length; end++) {
      double[] days = history.windowSums(end, historyDays, windowHours);
      timed.add(new Timed(end, method.detector().evaluateAt(days, days.length - 1)));
    }
    return timed;
  }

  /** The 24-hour nowcast, also alarming when the fast detector finds the last 6 hours far above their usual. */
  private static List<Timed> combinedNowcast(MethodUnderTest method, Series series) {
    List<Timed> day = nowcast(method, series, 24);
    List<Timed> fast = nowcast(new MethodUnderTest(method.name(), method.fastDetector(), null), series, 6);
    List<Timed> combined = new ArrayList<>(day.size());
    for (int i = 0; i < day.size(); i++) {
      Evaluation e = day.get(i).evaluation();
      boolean alarm = e.alarm() || fast.get(i).evaluation().alarm();
      combined.add(new Timed(day.get(i).endHour(), new Evaluation(e.index(), e.observed(), e.expected(),
          e.threshold(), e.score(), alarm, e.enoughHistory())));
    }
    return combined;
  }

  private static boolean overlaps(long endHour, int windowHours, SyntheticSet.Event event) {
    return event.kind() != Kind.NONE && endHour > event.startHour() && endHour - windowHours < event.endHour();
  }

  private static Score score(MethodUnderTest method, String mode, int windowHours, List<Series> set,
      java.util.function.Function<Series, List<Timed>> evaluate) {
    long alarms = 0;
    long truePositives = 0;
    long falseRuns = 0;
    long collapseFalseRuns = 0;
    long falseAlerts = 0;
    AlertLifecycle lifecycle = new AlertLifecycle(new AlertPolicy(6 * 3_600_000L, 24 * 3_600_000L));
    double seriesDays = 0;
    int[] detectedBySize = new int[SyntheticSet.SURGE_SIZES.length];
    int[] eventsBySize = new int[SyntheticSet.SURGE_SIZES.length];
    List<Double> delays = new ArrayList<>();
    List<Double> delaysTwoOrMore = new ArrayList<>();
    int collapses = 0;
    int collapsesDetected = 0;
    List<Double> collapseDelays = new ArrayList<>();
    for (Series series : set) {
      List<Timed> evaluations = evaluate.apply(series);
      seriesDays += evaluations.size() * (mode.equals("daily") ? 1.0 : 1.0 / 24);
      SyntheticSet.Event event = series.event();
      boolean surge = event.kind() == Kind.SURGE;
      boolean downward = event.kind() == Kind.COLLAPSE || event.kind() == Kind.SILENCE;
      Double firstAlarm = null;
      Double firstCollapse = null;
      boolean previousFalse = false;
      boolean previousCollapseFalse = false;
      Episode episode = null;
      for (Timed timed : evaluations) {
        Evaluation e = timed.evaluation();
        boolean overlap = overlaps(timed.endHour(), windowHours, event);
        if (!Double.isNaN(e.threshold())) {
          AlertLifecycle.Outcome outcome = lifecycle.apply(series.name(), episode, Check.surge(
              timed.endHour() * 3_600_000L, method.name(), e.observed(), e.expected(), e.threshold(), e.score(),
              e.alarm(), 0.5));
          episode = outcome.state().orElse(null);
          falseAlerts += outcome.emitted().filter(opened -> opened.status == Status.OPEN).isPresent() && !overlap
              ? 1 : 0;
        }
        boolean alarm = e.alarm();
        if (alarm) {
          alarms++;
          if (surge && overlap) {
            truePositives++;
            if (firstAlarm == null) {
              firstAlarm = (double) (timed.endHour() - event.startHour());
            }
          }
        }
        boolean falseAlarm = alarm && !overlap;
        falseRuns += falseAlarm && !previousFalse ? 1 : 0;
        previousFalse = falseAlarm;
        boolean collapse = !Double.isNaN(e.expected()) && Check.collapse(timed.endHour(), method.name(),
            e.observed(), e.expected(), COLLAPSE_MIN_EXPECTED, COLLAPSE_FRACTION, COLLAPSE_CALM).alarm();
        if (collapse && downward && overlap && firstCollapse == null) {
          firstCollapse = (double) (timed.endHour() - event.startHour());
        }
        boolean collapseFalse = collapse && !overlap;
        collapseFalseRuns += collapseFalse && !previousCollapseFalse ? 1 : 0;
        previousCollapseFalse = collapseFalse;
      }
      if (surge) {
        int size = Arrays.binarySearch(SyntheticSet.SURGE_SIZES, event.factor());
        eventsBySize[size]++;
        if (firstAlarm != null) {
          detectedBySize[size]++;
          delays.add(firstAlarm);
          if (event.factor() >= 2) {
            delaysTwoOrMore.add(firstAlarm);
          }
        }
      }
      if (downward) {
        collapses++;
        if (firstCollapse != null) {
          collapsesDetected++;
          collapseDelays.add(firstCollapse);
        }
      }
    }
    double[] recall = new double[eventsBySize.length];
    int twoOrMoreEvents = 0;
    int twoOrMoreDetected = 0;
    for (int i = 0; i < recall.length; i++) {
      recall[i] = eventsBySize[i] == 0 ? Double.NaN : detectedBySize[i] / (double) eventsBySize[i];
      if (SyntheticSet.SURGE_SIZES[i] >= 2) {
        twoOrMoreEvents += eventsBySize[i];
        twoOrMoreDetected += detectedBySize[i];
      }
    }
    return new Score(method.name(), mode, alarms == 0 ? Double.NaN : truePositives / (double) alarms, recall,
        twoOrMoreDetected / (double) twoOrMoreEvents, 100 * falseRuns / seriesDays, 100 * falseAlerts / seriesDays,
        median(delays), median(delaysTwoOrMore),
        collapses == 0 ? Double.NaN : collapsesDetected / (double) collapses, 100 * collapseFalseRuns / seriesDays,
        median(collapseDelays));
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * False silences of the streaming silence rule: runs of at least {@code silenceHours} hours without any movement in
   * series that were not planted silent, per 100 series-days (the rule itself fires exactly {@code silenceHours}
   * after the last movement of a point that normally reports, so its delay is that by construction).
   */
  public static double falseSilencesPer100Days(List<Series> set, int silenceHours) {
    long runs = 0;
    double days = 0;
    for (Series series : set) {
      if (series.event().kind() == Kind.SILENCE) {
        continue;
      }
      days += series.days() - FIRST_DAY;
      int quiet = 0;
      for (int hour = FIRST_DAY * 24; hour < series.hourly().length; hour++) {
        quiet = series.hourly()[hour] == 0 ? quiet + 1 : 0;
        runs += quiet == silenceHours ? 1 : 0;
      }
    }
    return 100 * runs / days;
  }
}
