package org.flowwatch.detectors.glm;

import java.util.Optional;

/**
 * Fits a Poisson log-linear model with prior weights by iteratively reweighted least squares, following R's
 * {@code glm.fit} step by step (start at y + 0.1, the same working weights, the same convergence rule
 * |dev - dev_old| / (|dev| + 0.1) < 1e-8 within 25 iterations) so that estimates agree with R's to rounding error.
 * The quasi-Poisson family differs from Poisson only in the dispersion, which the fit estimates.
 */
public final class QuasiPoissonGlm {
  private static final double EPSILON = 1e-8;
  private static final int MAX_ITERATIONS = 25;
  /** Below this a column is taken as linearly dependent on the others (R's tolerance: min(1e-7, epsilon / 1000)). */
  private static final double RANK_TOLERANCE = 1e-11;

  private QuasiPoissonGlm() {}

  /**
   * @param design one row per observation, one column per coefficient (include the intercept column)
   * @param response non-negative counts
   * @param priorWeights positive weights, one per observation
   * @return the fit after IRLS converged or ran out of iterations (see {@link QuasiPoissonFit#converged()}), or empty
   *     when the design is rank deficient or the deviance is not finite (where R would drop a column or fail)
   */
  public static Optional<QuasiPoissonFit> fit(double[][] design, double[] response, double[] priorWeights) {
    int n = response.length;
    int p = design[0].length;
    if (n <= p) {
      return Optional.empty();
    }
    double[] mu = new double[n];
    double[] eta = new double[n];
    for (int i = 0; i < n; i++) {
      if (response[i] < 0) {
        throw new IllegalArgumentException("negative count at " + i + ": " + response[i]);
      }
      mu[i] = response[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
    double devianceBefore = deviance(response, mu, priorWeights);
    double[] workingWeights = new double[n];
    WeightedLeastSquares step = null;
    boolean converged = false;
    for (int iteration = 0; iteration < MAX_ITERATIONS && !converged; iteration++) {
      double[][] weightedDesign = new double[n][p];
      double[] weightedResponse = new double[n];
      for (int i = 0; i < n; i++) {
        double z = eta[i] + (response[i] - mu[i]) / mu[i];
        double w = Math.sqrt(priorWeights[i] * mu[i]);
        workingWeights[i] = w * w;
        for (int j = 0; j < p; j++) {
          weightedDesign[i][j] = design[i][j] * w;
        }
        weightedResponse[i] = z * w;
      }
      step = WeightedLeastSquares.solve(weightedDesign, weightedResponse, RANK_TOLERANCE);
      if (step == null) {
        return Optional.empty();
      }
      for (int i = 0; i < n; i++) {
        eta[i] = 0;
        for (int j = 0; j < p; j++) {
          eta[i] += design[i][j] * step.coefficients()[j];
        }
        mu[i] = Math.exp(eta[i]);
      }
      double deviance = deviance(response, mu, priorWeights);
      if (!Double.isFinite(deviance)) {
        return Optional.empty();
      }
      converged = Math.abs(deviance - devianceBefore) / (Math.abs(deviance) + 0.1) < EPSILON;
      devianceBefore = deviance;
    }
    // As glm.fit: working weights from the last iteration, residuals from the final means.
    double pearson = 0;
    for (int i = 0; i < n; i++) {
      double residual = (response[i] - mu[i]) / mu[i];
      pearson += workingWeights[i] * residual * residual;
    }
    int residualDf = n - p;
    return Optional.of(new QuasiPoissonFit(step.coefficients(), mu, step.hatValues(), pearson / residualDf,
        residualDf, step.unscaledCovariance(), converged));
  }

  private static double deviance(double[] y, double[] mu, double[] weights) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double term = y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0;
      sum += 2 * weights[i] * (term - (y[i] - mu[i]));
    }
    return sum;
  }
}
