package org.flowwatch.detectors.evaluation;

import java.util.SplittableRandom;
import org.flowwatch.detectors.glm.SpecialFunctions;

/**
 * Random counts for synthetic series: Poisson (inversion for small means, Hörmann's PTRS transformed rejection for
 * large ones) and gamma (Marsaglia and Tsang), so that a gamma-mixed Poisson gives negative binomial overdispersion.
 */
final class Sampling {
  private Sampling() {}

  static long poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      long count = 0;
      while (product > limit) {
        product *= random.nextDouble();
        count++;
      }
      return count;
    }
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * Math.sqrt(mean);
    double a = -0.059 + 0.02483 * b;
    double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      double logFactorial = SpecialFunctions.logGamma(k + 1);
      if (Math.log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial) {
        return k;
      }
    }
  }

  /** Gamma with the given shape and mean 1 when scale = 1 / shape. */
  static double gamma(SplittableRandom random, double shape, double scale) {
    if (shape < 1) {
      return gamma(random, shape + 1, scale) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v * scale;
      }
    }
  }

  static double normal(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
