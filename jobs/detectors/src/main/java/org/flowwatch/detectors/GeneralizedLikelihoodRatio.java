package org.flowwatch.detectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The GLR detector for a change of intercept in a Poisson or negative binomial series with known in-control means
 * (Höhle and Paul 2008), exactly as R's {@code surveillance::glrnb} computes it with {@code change = "intercept"}
 * and {@code ret = "value"} (version 1.20.3; C functions glr_nb_window, glr_cusum and glr_cusum_window).
 *
 * <p>At time n the statistic is the largest log likelihood ratio, over change points k, of "the mean has been
 * mu0 * exp(kappa) since k" against "it is mu0", kappa at its maximum likelihood estimate (>= 0 for an increase,
 * <= 0 for a decrease). It alarms when the statistic reaches {@code cARL}; the chart then restarts after the alarm.
 * {@code alpha} is the negative binomial dispersion (variance mu + alpha mu^2); 0 gives the Poisson chart, whose
 * estimate has a closed form. {@code window} limits how far back k may go (R's M; -1 for no limit). As in the
 * reference, the windowed Poisson chart considers only change points before n (segments of two or more points).
 *
 * <p>Each evaluation's expected value is mu0; its score the GLR statistic; its threshold the count at n that would
 * just alarm given the history (for a decrease: the largest such count, NaN if even 0 would not).
 */
public final class GeneralizedLikelihoodRatio {
  /** Which change the chart looks for. */
  public enum Direction {
    INCREASE(1), DECREASE(-1);

    final int sign;

    Direction(int sign) {
      this.sign = sign;
    }
  }

  private static final int MAX_SEARCHED_COUNT = 1 << 30;

  private final double alpha;
  private final double cArl;
  private final int window;
  private final Direction direction;

  /**
   * @param alpha dispersion, >= 0
   * @param cArl the alarm threshold on the statistic (R's c.ARL, default 5)
   * @param window maximum look-back M, or -1 for the whole series since the last alarm (R's default)
   */
  public GeneralizedLikelihoodRatio(double alpha, double cArl, int window, Direction direction) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("alpha must not be negative, was " + alpha);
    }
    if (!(cArl > 0)) {
      throw new IllegalArgumentException("cARL must be positive, was " + cArl);
    }
    if (window == 0 || window < -1) {
      throw new IllegalArgumentException("window must be positive or -1 (no limit), was " + window);
    }
    this.alpha = alpha;
    this.cArl = cArl;
    this.window = window;
    this.direction = direction;
  }

  public String name() {
    return "glrnb";
  }

  /** Evaluates the whole series; {@code mu0} holds the in-control mean of every point. */
  public List<Evaluation> evaluate(double[] counts, double[] mu0) {
    if (mu0.length != counts.length) {
      throw new IllegalArgumentException("mu0 has " + mu0.length + " values for " + counts.length + " counts");
    }
    long[] x = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0 || counts[i] != Math.rint(counts[i])) {
        throw new IllegalArgumentException("counts must be non-negative integers; point " + i + " is " + counts[i]);
      }
      x[i] = (long) counts[i];
    }
    List<Evaluation> evaluations = new ArrayList<>(counts.length);
    int segmentStart = 0;
    for (int n = 0; n < counts.length; n++) {
      double statistic = statistic(x, mu0, segmentStart, n);
      boolean alarm = statistic >= cArl;
      evaluations.add(new Evaluation(n, counts[n], mu0[n], alarmingCount(x, mu0, segmentStart, n),
          Math.max(0, statistic), alarm, true));
      if (alarm) {
        segmentStart = n + 1; // the chart restarts after an alarm, as glrnb's loop does
      }
    }
    return evaluations;
  }

  /** The GLR statistic at n for a chart that started at {@code start}; 0 where the reference reports nothing. */
  double statistic(long[] x, double[] mu0, int start, int n) {
    if (alpha == 0 && window > 0 && n - start < 1) {
      return 0; // glr_cusum_window starts at the second point of a chart
    }
    double max = -1e99;
    double sumX = 0;
    double sumMu = 0;
    double kappa = 0.5;
    int lowest = window == -1 ? start : Math.max(start, n - window);
    if (alpha == 0) {
      int highest = window == -1 ? n : n - 1;
      for (int k = n; k > highest; k--) {
        sumX += x[k];
        sumMu += mu0[k];
      }
      for (int k = highest; k >= lowest; k--) {
        sumX += x[k];
        sumMu += mu0[k];
        kappa = direction.sign * fmax(0, direction.sign * Math.log(sumX / sumMu));
        max = larger(max, kappa * sumX + (1 - Math.exp(kappa)) * sumMu);
      }
      return max;
    }
    for (int k = lowest; k <= n; k++) {
      double before = 0.4;
      double estimate = kappa;
      for (int iteration = 0; estimate > -18 && Math.abs(estimate - before) > 1e-6 && iteration < 1000;
          iteration++) {
        before = estimate;
        estimate = before + score(before, x, mu0, k, n) / fisherInformation(before, x, mu0, k, n);
      }
      kappa = direction.sign * fmax(0, direction.sign * estimate);
      max = larger(max, logLikelihoodRatio(kappa, x, mu0, k, n));
    }
    return max;
  }

  /** C's fmax: a NaN argument loses (a failed Newton step counts as no change). */
  private static double fmax(double a, double b) {
    return Double.isNaN(b) ? a : Math.max(a, b);
  }

  /** The reference keeps the running maximum with "if (value > max)", so a NaN ratio (0 * -inf) never wins. */
  private static double larger(double max, double value) {
    return value > max ? value : max;
  }

  private double score(double kappa, long[] x, double[] mu0, int k, int n) {
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += (x[i] - Math.exp(kappa) * mu0[i]) / (1 + alpha * Math.exp(kappa) * mu0[i]);
    }
    return sum;
  }

  private double fisherInformation(double kappa, long[] x, double[] mu0, int k, int n) {
    double sum = 0;
    for (int i = k; i <= n; i++) {
      double denominator = 1 + alpha * Math.exp(kappa) * mu0[i];
      sum += mu0[i] * (alpha * x[i] + 1) / (denominator * denominator);
    }
    return Math.exp(kappa) * sum;
  }

  private double logLikelihoodRatio(double kappa, long[] x, double[] mu0, int k, int n) {
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += kappa * x[i] + (x[i] + 1 / alpha) * Math.log((1 + alpha * mu0[i]) / (1 + alpha * mu0[i] * Math.exp(kappa)));
    }
    return sum;
  }

  /** The count at n that would just alarm given the history (R's ret = "cases", by bisection instead of steps). */
  private double alarmingCount(long[] x, double[] mu0, int start, int n) {
    long original = x[n];
    try {
      if (direction == Direction.DECREASE) {
        x[n] = 0;
        if (statistic(x, mu0, start, n) < cArl) {
          return Double.NaN;
        }
        long low = 0;
        long high = Math.max(1, (long) Math.ceil(mu0[n]));
        x[n] = high;
        if (statistic(x, mu0, start, n) >= cArl) {
          return Double.NaN; // alarms whatever the count: the history alone is a collapse
        }
        return bisect(x, mu0, start, n, low, high, false);
      }
      long low = -1;
      long high = Math.max(1, (long) Math.ceil(mu0[n]));
      while (alarms(x, mu0, start, n, high) == false) {
        if (high >= MAX_SEARCHED_COUNT) {
          return Double.NaN;
        }
        low = high;
        high *= 2;
      }
      return bisect(x, mu0, start, n, low, high, true);
    } finally {
      x[n] = original;
    }
  }

  private boolean alarms(long[] x, double[] mu0, int start, int n, long count) {
    x[n] = count;
    return statistic(x, mu0, start, n) >= cArl;
  }

  /** Finds the boundary between low and high: the first alarming count (up) or the last alarming one (down). */
  private double bisect(long[] x, double[] mu0, int start, int n, long low, long high, boolean upwards) {
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (alarms(x, mu0, start, n, middle) == upwards) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return upwards ? high : low;
  }
}
