package org.flowwatch.detectors.glm;

/**
 * The distribution functions the Farrington methods need beyond the normal: Student's t for the trend test and the
 * Poisson and negative binomial quantiles of Noufaily's thresholds. Written from the textbook definitions: the
 * log-gamma function by Lanczos' approximation, the regularised incomplete beta by its continued fraction (modified
 * Lentz), the regularised incomplete gamma by its series or continued fraction; all accurate to about 1e-14.
 */
public final class SpecialFunctions {
  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  private static final double TINY = 1e-300;
  private static final double FUZZ = 1 - 64 * Math.ulp(1.0);

  private SpecialFunctions() {}

  public static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (x + i);
    }
    double t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** P(T <= t) for Student's t with {@code df} degrees of freedom. */
  public static double studentTLowerTail(double t, double df) {
    double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
    return t <= 0 ? tail : 1 - tail;
  }

  /** I_x(a, b), the regularised incomplete beta function. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    if (x > (a + 1) / (a + b + 2)) {
      return 1 - regularizedBeta(1 - x, b, a);
    }
    double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
    return Math.exp(logFront) * betaContinuedFraction(x, a, b) / a;
  }

  private static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  private static double betaContinuedFraction(double x, double a, double b) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double result = d;
    for (int m = 1; m <= 10_000; m++) {
      double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 / nonZero(1 + even * d);
      c = nonZero(1 + even / c);
      result *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 / nonZero(1 + odd * d);
      c = nonZero(1 + odd / c);
      double delta = d * c;
      result *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        return result;
      }
    }
    throw new ArithmeticException("incomplete beta did not converge for x=" + x + " a=" + a + " b=" + b);
  }

  private static double nonZero(double value) {
    return Math.abs(value) < TINY ? TINY : value;
  }

  /** P(a, x), the regularised lower incomplete gamma function. */
  static double regularizedGammaLower(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    double logFront = a * Math.log(x) - x - logGamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 100_000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
        term *= x / (a + n);
        sum += term;
      }
      return sum * Math.exp(logFront);
    }
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double result = d;
    for (int i = 1; i < 100_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = 1 / nonZero(an * d + b);
      c = nonZero(b + an / c);
      double delta = d * c;
      result *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return 1 - Math.exp(logFront) * result;
  }

  /** R's qpois(p, lambda): the smallest count whose distribution function reaches p. */
  public static double poissonQuantile(double p, double lambda) {
    return discreteQuantile(p, lambda + 10 * Math.sqrt(lambda) + 10,
        y -> 1 - regularizedGammaLower(y + 1, lambda));
  }

  /** R's qnbinom(p, size, prob) in the (size, prob) parametrisation. */
  public static double negativeBinomialQuantile(double p, double size, double prob) {
    double mean = size * (1 - prob) / prob;
    double sd = Math.sqrt(mean / prob);
    return discreteQuantile(p, mean + 10 * sd + 10, y -> regularizedBeta(prob, size, y + 1));
  }

  private static double discreteQuantile(double p, double guess, java.util.function.LongToDoubleFunction cdf) {
    double target = p * FUZZ; // R's fuzz for left continuity
    long low = -1; // cdf(-1) = 0 < target
    long high = Math.max(1, (long) Math.ceil(guess));
    while (cdf.applyAsDouble(high) < target) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (cdf.applyAsDouble(middle) >= target) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }
}
