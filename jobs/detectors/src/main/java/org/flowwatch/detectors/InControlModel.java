package org.flowwatch.detectors;

import java.util.Optional;
import org.flowwatch.detectors.glm.QuasiPoissonFit;
import org.flowwatch.detectors.glm.QuasiPoissonGlm;

/**
 * The in-control means and dispersion a GLR chart needs, estimated from a training stretch as R's glrnb does by
 * default: a log-linear model with one harmonic of the seasonal cycle, log mu(t) = b0 + b1 cos(2 pi t / f) +
 * b2 sin(2 pi t / f). R fits it with MASS::glm.nb (maximum likelihood for the dispersion too); here the same model
 * is fitted by quasi-Poisson IRLS and the dispersion alpha (variance mu + alpha mu^2) by moments,
 * sum((y - mu)^2 - mu) / sum(mu^2), floored at 0. The means agree with glm.nb's when the dispersion is small; the
 * golden tests of the chart itself use means given to both implementations.
 */
public record InControlModel(double[] mu0, double alpha) {

  /**
   * @param counts the whole series
   * @param training how many leading points to fit on
   * @param frequency points per seasonal cycle (7 for daily data with a weekly pattern, 52 for weekly data)
   */
  public static InControlModel estimate(double[] counts, int training, int frequency) {
    if (training < 4 || training > counts.length) {
      throw new IllegalArgumentException("the training stretch needs 4 to " + counts.length + " points, was "
          + training);
    }
    double[][] design = new double[training][];
    double[] response = new double[training];
    double[] weights = new double[training];
    for (int i = 0; i < training; i++) {
      design[i] = row(i + 1, frequency);
      response[i] = counts[i];
      weights[i] = 1;
    }
    Optional<QuasiPoissonFit> fit = QuasiPoissonGlm.fit(design, response, weights);
    if (fit.isEmpty() || !fit.get().converged()) {
      throw new IllegalArgumentException("the in-control model does not converge on the first " + training
          + " points (all zero, or too few non-zero counts)");
    }
    double[] mu0 = new double[counts.length];
    for (int t = 0; t < counts.length; t++) {
      mu0[t] = Math.exp(fit.get().linearPredictor(row(t + 1, frequency)));
    }
    double excess = 0;
    double squares = 0;
    for (int i = 0; i < training; i++) {
      double mu = fit.get().fitted()[i];
      excess += (response[i] - mu) * (response[i] - mu) - mu;
      squares += mu * mu;
    }
    return new InControlModel(mu0, Math.max(0, excess / squares));
  }

  private static double[] row(int t, int frequency) {
    double angle = 2 * Math.PI * t / frequency;
    return new double[] {1, Math.cos(angle), Math.sin(angle)};
  }
}
