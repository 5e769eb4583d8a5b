package org.flowwatch.detectors;


/**
 * The CDC's Early Aberration Reporting System methods C1, C2 and C3, exactly as R's {@code surveillance::earsC}
 * defines them (version 1.20.3):
 * <ul>
 *   <li>C1: baseline = the {@code baseline} points just before t; threshold = mean + z(1-alpha) * max(sd, minSigma).
 *   <li>C2: the same with a guard gap of two points (baseline t-baseline-2 .. t-3).
 *   <li>C3: from the C2 statistics c(s) = (x(s) - mean) / sd of t-2, t-1 and t:
 *       threshold = x(t) + sd(t) * (z - max(0, c(t-2) - 1) - max(0, c(t-1) - 1)), floored at 0.
 * </ul>
 * sd is the sample standard deviation. Defaults as in the reference: baseline 7, minSigma 0, alpha 0.001 for C1 and
 * C2, 0.025 for C3. The first evaluable point is baseline+1 (C1), baseline+3 (C2), baseline+5 (C3), 1-based.
 */
public final class EarsC implements Detector {
  /** The three EARS variants. */
  public enum Method {
    C1, C2, C3;

    /** The reference's default significance level of the method. */
    public double defaultAlpha() {
      return this == C3 ? 0.025 : 0.001;
    }
  }

  private final Method method;
  private final int baseline;
  private final double alpha;
  private final double minSigma;
  private final double z;

  public EarsC(Method method) {
    this(method, 7, method.defaultAlpha(), 0);
  }

  public EarsC(Method method, int baseline, double alpha, double minSigma) {
    if (baseline < 3) {
      throw new IllegalArgumentException("baseline must be at least 3, was " + baseline);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (minSigma < 0) {
      throw new IllegalArgumentException("minSigma must not be negative, was " + minSigma);
    }
    this.method = method;
    this.baseline = baseline;
    this.alpha = alpha;
    this.minSigma = minSigma;
    this.z = NormalDistribution.quantile(1 - alpha);
  }

  @Override
  public String name() {
    return "ears-" + method.name().toLowerCase();
  }

  /** Points of history a method needs before its first evaluation. */
  @Override
  public int requiredHistory() {
    return switch (method) {
      case C1 -> baseline;
      case C2 -> baseline + 2;
      case C3 -> baseline + 4;
    };
  }

  @Override
  public Evaluation evaluateAt(double[] x, int t) {
    if (t < requiredHistory()) {
      return Evaluation.insufficientHistory(t, x[t]);
    }
    if (method == Method.C1) {
      return threshold(x, t, Baseline.of(x, t - baseline, t), x[t]);
    }
    Baseline reference = Baseline.of(x, t - baseline - 2, t - 2);
    if (method == Method.C2) {
      return threshold(x, t, reference, x[t]);
    }
    double lag2 = Math.max(0, c2(x, t - 2) - 1);
    double lag1 = Math.max(0, c2(x, t - 1) - 1);
    double sd = Math.max(reference.sd(), minSigma);
    double threshold = Math.max(0, x[t] + sd * (z - (lag2 + lag1)));
    double score = Math.max(0, c2(x, t) - 1) + lag1 + lag2;
    return new Evaluation(t, x[t], reference.mean(), threshold, score, x[t] > threshold, true);
  }

  private Evaluation threshold(double[] x, int t, Baseline reference, double observed) {
    double sd = Math.max(reference.sd(), minSigma);
    double threshold = reference.mean() + z * sd;
    return new Evaluation(t, observed, reference.mean(), threshold, (observed - reference.mean()) / sd,
        observed > threshold, true);
  }

  /** The C2 statistic at s: standardised excess over the guarded baseline. */
  private double c2(double[] x, int s) {
    Baseline reference = Baseline.of(x, s - baseline - 2, s - 2);
    return (x[s] - reference.mean()) / Math.max(reference.sd(), minSigma);
  }

  /** Mean and sample standard deviation of x[from, to). */
  private record Baseline(double mean, double sd) {
    static Baseline of(double[] x, int from, int to) {
      int n = to - from;
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += x[i];
      }
      double mean = sum / n;
      double squares = 0;
      for (int i = from; i < to; i++) {
        squares += (x[i] - mean) * (x[i] - mean);
      }
      return new Baseline(mean, Math.sqrt(squares / (n - 1)));
    }
  }
}
