package org.flowwatch.detectors.alerts;

/** How far a series is from normal; an episode escalates when this rises. */
public enum Severity {
  LOW, MEDIUM, HIGH;

  /** A surge: HIGH at 4 times the expected count or more, MEDIUM at twice, LOW below (but over the threshold). */
  public static Severity ofSurge(double observed, double expected) {
    double ratio = expected > 0 ? observed / expected : Double.POSITIVE_INFINITY;
    return ratio >= 4 ? HIGH : ratio >= 2 ? MEDIUM : LOW;
  }

  /** A collapse: HIGH when next to nothing arrives (under 3% of expected), MEDIUM under 10%, LOW otherwise. */
  public static Severity ofCollapse(double observed, double expected) {
    double ratio = observed / expected;
    return ratio < 0.03 ? HIGH : ratio < 0.10 ? MEDIUM : LOW;
  }

  /** Silence: HIGH after four times the silence limit, MEDIUM after twice, LOW after the limit. */
  public static Severity ofSilence(long silentMillis, long limitMillis) {
    return silentMillis >= 4 * limitMillis ? HIGH : silentMillis >= 2 * limitMillis ? MEDIUM : LOW;
  }
}
