package org.flowwatch.detectors.glm;

/**
 * A converged quasi-Poisson log-linear fit, with what the Farrington methods need from R's {@code glm},
 * {@code summary.glm}, {@code hatvalues} and {@code predict.glm}.
 *
 * @param coefficients the estimates, one per design column
 * @param fitted the fitted means
 * @param hatValues the diagonal of the hat matrix of the final weighted least-squares step
 * @param dispersion the estimated dispersion: sum of weighted squared Pearson residuals over residual degrees of
 *     freedom (NaN with none), as {@code summary.glm} computes it
 * @param residualDegreesOfFreedom observations minus coefficients
 * @param unscaledCovariance (X'WX)^-1 of the final weighted least-squares step
 * @param converged whether IRLS met R's convergence rule within 25 iterations
 */
public record QuasiPoissonFit(double[] coefficients, double[] fitted, double[] hatValues, double dispersion,
    int residualDegreesOfFreedom, double[][] unscaledCovariance, boolean converged) {

  /** (y - mu) / mu for each observation: R's working residuals of a log-linear model. */
  public double[] workingResiduals(double[] response) {
    double[] residuals = new double[response.length];
    for (int i = 0; i < response.length; i++) {
      residuals[i] = (response[i] - fitted[i]) / fitted[i];
    }
    return residuals;
  }

  /** The linear predictor (log mean) at design row {@code x}. */
  public double linearPredictor(double[] x) {
    double eta = 0;
    for (int j = 0; j < x.length; j++) {
      eta += x[j] * coefficients[j];
    }
    return eta;
  }

  /** Standard error of the linear predictor at {@code x} for a given dispersion, as predict.glm computes it. */
  public double linearPredictorStandardError(double[] x, double dispersion) {
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        variance += x[i] * unscaledCovariance[i][j] * x[j];
      }
    }
    return Math.sqrt(variance * dispersion);
  }

  /**
   * The two-sided t-test p-value of coefficient {@code j} for a given dispersion, as summary.glm reports it for
   * quasi families.
   */
  public double coefficientPValue(int j, double dispersion) {
    double standardError = Math.sqrt(unscaledCovariance[j][j] * dispersion);
    double t = coefficients[j] / standardError;
    return 2 * SpecialFunctions.studentTLowerTail(-Math.abs(t), residualDegreesOfFreedom);
  }
}
