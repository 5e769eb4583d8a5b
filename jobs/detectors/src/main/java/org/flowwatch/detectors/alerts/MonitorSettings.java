package org.flowwatch.detectors.alerts;

import java.io.Serializable;
import java.util.function.Supplier;
import org.flowwatch.detectors.Detector;

/**
 * How series are monitored.
 *
 * @param detector builds the surge detector (a supplier so that settings stay serializable and detectors need not be)
 * @param detectorHistoryDays daily points the detector needs before its first evaluation, plus the evaluated one
 * @param dailyBoundaryHour the UTC hour at which the local day ends (0 for UTC, 23 for UTC+01:00): the evaluation
 *     at that hour is the daily one (the day's 24 hours), all others are the nowcast
 * @param nowcastWindowHours the nowcast compares the latest this many hours with the same hours of past days (24:
 *     the trailing day; shorter flags a surge sooner and raises more false alarms, see docs/evaluation)
 * @param fastDetector optional second detector on the last {@code fastWindowHours} against the same hours of past
 *     days (stricter, so it alarms only on a sharp rise): a surge then shows within hours, before it weighs on the
 *     24-hour window; null for none
 * @param fastWindowHours hours the fast detector watches (1..23), ignored without it
 * @param hysteresis a surge episode is calm once the count is under expected + hysteresis * (threshold - expected)
 * @param collapseMinExpected a collapse needs at least this many expected movements in the 24 hours
 * @param collapseFraction alarm when at most this fraction of the expected count arrived
 * @param collapseCalmFraction calm once the count is back above this fraction of expected
 * @param silenceAfterMillis a point is silent once nothing arrived for this long (processing time)
 * @param silenceMinActiveDays a point "normally reports" when it had data on at least this many of the last 7 days
 */
public record MonitorSettings(SerializableSupplier<Detector> detector, int detectorHistoryDays, int dailyBoundaryHour,
    int nowcastWindowHours, SerializableSupplier<Detector> fastDetector, int fastWindowHours, double hysteresis, double collapseMinExpected, double collapseFraction, double collapseCalmFraction,
    long silenceAfterMillis, int silenceMinActiveDays, AlertPolicy policy) implements Serializable {

  /** A supplier that Flink can ship with the job graph. */
  @FunctionalInterface
  public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}

  public MonitorSettings {
    if (detectorHistoryDays < 2) {
      throw new IllegalArgumentException("detectorHistoryDays must be at least 2, was " + detectorHistoryDays);
    }
    if (dailyBoundaryHour < 0 || dailyBoundaryHour > 23) {
      throw new IllegalArgumentException("dailyBoundaryHour must be 0..23, was " + dailyBoundaryHour);
    }
    if (nowcastWindowHours < 1 || nowcastWindowHours > 24) {
      throw new IllegalArgumentException("nowcastWindowHours must be 1..24, was " + nowcastWindowHours);
    }
    if (fastDetector != null && (fastWindowHours < 1 || fastWindowHours > 23)) {
      throw new IllegalArgumentException("fastWindowHours must be 1..23, was " + fastWindowHours);
    }
    if (!(hysteresis >= 0 && hysteresis <= 1)) {
      throw new IllegalArgumentException("hysteresis must be in [0, 1], was " + hysteresis);
    }
    if (!(collapseFraction > 0 && collapseFraction < collapseCalmFraction && collapseCalmFraction <= 1)) {
      throw new IllegalArgumentException("need 0 < collapse fraction < calm fraction <= 1, were " + collapseFraction
          + " and " + collapseCalmFraction);
    }
    if (silenceAfterMillis <= 0) {
      throw new IllegalArgumentException("silence-after must be positive");
    }
    if (silenceMinActiveDays < 1 || silenceMinActiveDays > 7) {
      throw new IllegalArgumentException("silenceMinActiveDays must be 1..7, was " + silenceMinActiveDays);
    }
  }

  /** Late updates re-evaluate their day: the flow aggregation job accepts data up to 3 days late, plus a day. */
  public static final int LATE_DATA_DAYS = 4;

  /** Days of hourly history a series keeps: what the detector needs, and the evaluations late data can change. */
  public int historyDays() {
    return detectorHistoryDays + LATE_DATA_DAYS;
  }
}
