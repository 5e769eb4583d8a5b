package org.flowwatch.detectors.alerts;

/**
 * One verdict on a series for one signal, the input of {@link AlertLifecycle}.
 *
 * @param time when the evaluated period ends (event time; processing time for silence), epoch millis
 * @param alarm the rule fires
 * @param calm the series is back within the hysteresis band: an episode resolves only after it stays calm for the
 *     policy's time (an alarm-free but still elevated value keeps the episode open)
 * @param severity how severe the alarm is; ignored without an alarm
 */
public record Check(long time, Signal signal, boolean alarm, boolean calm, Severity severity, double observed,
    double expected, double threshold, double score, String method) {

  /** The surge rule on a detector's evaluation: alarm as the detector says; calm once under the band's top. */
  public static Check surge(long time, String method, double observed, double expected, double threshold,
      double score, boolean alarm, double hysteresis) {
    double calmLevel = expected + hysteresis * (threshold - expected);
    return new Check(time, Signal.SURGE, alarm, !alarm && observed <= calmLevel,
        Severity.ofSurge(observed, expected), observed, expected, threshold, score, method);
  }

  /**
   * The collapse rule: the detector expected at least {@code minExpected} and at most {@code fraction} of it came;
   * calm again once the count is back above {@code calmFraction} of expected.
   */
  public static Check collapse(long time, String method, double observed, double expected, double minExpected,
      double fraction, double calmFraction) {
    boolean meaningful = expected >= minExpected;
    boolean alarm = meaningful && observed <= fraction * expected;
    boolean calm = !meaningful || observed >= calmFraction * expected;
    return new Check(time, Signal.COLLAPSE, alarm, calm, alarm ? Severity.ofCollapse(observed, expected) : Severity.LOW,
        observed, expected, fraction * expected, expected > 0 ? observed / expected : Double.NaN, method);
  }

  /** Silence: alarm when nothing has arrived for {@code limitMillis}; calm as soon as anything arrives. */
  public static Check silence(long time, long silentMillis, long limitMillis, double expected) {
    boolean alarm = silentMillis >= limitMillis;
    return new Check(time, Signal.SILENCE, alarm, !alarm, Severity.ofSilence(silentMillis, limitMillis), 0, expected,
        0, silentMillis / 3_600_000.0, "silence");
  }
}
