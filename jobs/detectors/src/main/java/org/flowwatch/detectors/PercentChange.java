package org.flowwatch.detectors;

/**
 * The rule DTM dashboards show: the change of a period's count against the average of the {@code window} periods
 * before it, alarming when the increase exceeds {@code thresholdPercent}. Expected = that average; threshold =
 * expected * (1 + thresholdPercent / 100); score = the percent change (NaN when the average is 0). It ignores noise
 * and seasonality, which is why it is kept as a baseline for comparison rather than the default.
 */
public final class PercentChange implements Detector {
  private final int window;
  private final double thresholdPercent;

  public PercentChange(int window, double thresholdPercent) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    if (!(thresholdPercent > 0)) {
      throw new IllegalArgumentException("thresholdPercent must be positive, was " + thresholdPercent);
    }
    this.window = window;
    this.thresholdPercent = thresholdPercent;
  }

  /** One week of daily counts, alarm on a 50% rise. */
  public static PercentChange defaults() {
    return new PercentChange(7, 50);
  }

  @Override
  public String name() {
    return "pct-change";
  }

  @Override
  public int requiredHistory() {
    return window;
  }

  @Override
  public Evaluation evaluateAt(double[] counts, int t) {
    if (t < window) {
      return Evaluation.insufficientHistory(t, counts[t]);
    }
    double sum = 0;
    for (int i = t - window; i < t; i++) {
      sum += counts[i];
    }
    double expected = sum / window;
    double threshold = expected * (1 + thresholdPercent / 100);
    double change = expected == 0 ? Double.NaN : 100 * (counts[t] - expected) / expected;
    return new Evaluation(t, counts[t], expected, threshold, change, counts[t] > threshold, true);
  }
}
