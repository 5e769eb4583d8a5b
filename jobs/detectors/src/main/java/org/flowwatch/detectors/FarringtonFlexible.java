package org.flowwatch.detectors;

import java.util.Optional;
import org.flowwatch.detectors.glm.QuasiPoissonFit;
import org.flowwatch.detectors.glm.QuasiPoissonGlm;
import org.flowwatch.detectors.glm.SpecialFunctions;

/**
 * The improved Farrington method (Farrington et al. 1996; Noufaily et al. 2013) exactly as R's
 * {@code surveillance::farringtonFlexible} (version 1.20.3) computes it, for series indexed by position (R's
 * {@code epochAsDate = FALSE}).
 *
 * <p>For time point t: take the windows of 2w+1 points around t - freq, t - 2 freq, ... t - b freq (and, with
 * {@code noPeriods > 1}, the rest of each year split into noPeriods - 1 seasonal blocks, a factor in the model), leave
 * out the last {@code pastWeeksNotIncluded} points; fit a quasi-Poisson log-linear model with a time trend; refit
 * with past outbreaks down-weighted (Anscombe residuals above {@code weightsThreshold}); keep the trend only when it
 * is significant, b >= 3 and it does not extrapolate beyond the data; predict t. The threshold is the 1 - alpha
 * quantile of the prediction on the 2/3-power scale ({@code delta}), or a negative binomial quantile at the predicted
 * mean ({@code nbPlugin}) or at its upper 1 - alpha bound ({@code muan}, Noufaily's choice). No threshold when fewer
 * than {@code limitCases} were counted in the last {@code limitPeriod} points; no alarm on a zero count.
 */
public final class FarringtonFlexible implements Detector {
  /** How the upper threshold is derived from the fitted model. */
  public enum ThresholdMethod { DELTA, NB_PLUGIN, MUAN }

  /** The power transformation that corrects skewness in the delta method. */
  public enum PowerTransform {
    NONE(1), SQUARE_ROOT(0.5), TWO_THIRDS(2.0 / 3);

    final double exponent;

    PowerTransform(double exponent) {
      this.exponent = exponent;
    }
  }

  /**
   * Options of {@code farringtonFlexible}; {@link #defaults(int)} gives the reference's defaults.
   *
   * @param frequency points per seasonal cycle (52 for weekly data, 7 to compare a day with the same weekday)
   * @param pastWeeksNotIncluded the most recent points left out of the fit (R's default: w)
   */
  public record Options(int frequency, int b, int w, boolean reweight, double weightsThreshold, double alpha,
      boolean trend, double pThresholdTrend, int limitCases, int limitPeriod, PowerTransform powerTransform,
      int noPeriods, int pastWeeksNotIncluded, ThresholdMethod thresholdMethod) {

    public Options {
      requireAtLeast("frequency", frequency, 1);
      requireAtLeast("b", b, 1);
      requireAtLeast("w", w, 0);
      requireAtLeast("noPeriods", noPeriods, 1);
      requireAtLeast("pastWeeksNotIncluded", pastWeeksNotIncluded, 0);
      requireAtLeast("limitCases", limitCases, 0);
      requireAtLeast("limitPeriod", limitPeriod, 1);
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
      }
      if (2 * w + 1 > frequency) {
        throw new IllegalArgumentException("the window 2w+1 = " + (2 * w + 1) + " must fit in a cycle of "
            + frequency + " points");
      }
      if (noPeriods > 1 && frequency - 2 * w - 1 < noPeriods - 1) {
        throw new IllegalArgumentException("noPeriods " + noPeriods + " does not fit in a cycle of " + frequency
            + " points outside the window (R: 'Number of factors too big!')");
      }
    }

    /** The reference's defaults: b=5, w=3, reweighting above 2.58, alpha 0.05, trend at p < 0.05, 5 cases in 4. */
    public static Options defaults(int frequency) {
      return new Options(frequency, 5, 3, true, 2.58, 0.05, true, 0.05, 5, 4, PowerTransform.TWO_THIRDS, 1, 3,
          ThresholdMethod.DELTA);
    }

    public Options withAlpha(double value) {
      return new Options(frequency, b, w, reweight, weightsThreshold, value, trend, pThresholdTrend, limitCases,
          limitPeriod, powerTransform, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }

    public Options withWindow(int newB, int newW) {
      return new Options(frequency, newB, newW, reweight, weightsThreshold, alpha, trend, pThresholdTrend,
          limitCases, limitPeriod, powerTransform, noPeriods, newW, thresholdMethod);
    }

    public Options withSeasonalPeriods(int periods, int notIncluded) {
      return new Options(frequency, b, w, reweight, weightsThreshold, alpha, trend, pThresholdTrend, limitCases,
          limitPeriod, powerTransform, periods, notIncluded, thresholdMethod);
    }

    public Options withThresholdMethod(ThresholdMethod method) {
      return new Options(frequency, b, w, reweight, weightsThreshold, alpha, trend, pThresholdTrend, limitCases,
          limitPeriod, powerTransform, noPeriods, pastWeeksNotIncluded, method);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
      if (value < minimum) {
        throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
      }
    }
  }

  private final Options options;
  private final double z;

  public FarringtonFlexible(Options options) {
    this.options = options;
    this.z = NormalDistribution.quantile(1 - options.alpha());
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "farrington";
  }

  /** Points before the first evaluable one: b cycles back plus the window. */
  @Override
  public int requiredHistory() {
    return options.frequency() * options.b() + options.w();
  }

  @Override
  public Evaluation evaluateAt(double[] counts, int t) {
    if (t < requiredHistory()) {
      return Evaluation.insufficientHistory(t, counts[t]);
    }
    ReferenceData data = ReferenceData.of(counts, t, options);
    Optional<Model> model = finalModel(data, t);
    double observed = counts[t];
    if (model.isEmpty()) {
      return new Evaluation(t, observed, Double.NaN, Double.NaN, Double.NaN, false, true);
    }
    Threshold threshold = options.thresholdMethod() == ThresholdMethod.DELTA
        ? deltaThreshold(model.get(), data, observed) : negativeBinomialThreshold(model.get(), data, observed);
    double recent = 0;
    for (int s = t - options.limitPeriod() + 1; s <= t; s++) {
      recent += counts[s];
    }
    boolean enoughCases = recent >= options.limitCases();
    if (!enoughCases || Double.isNaN(threshold.upper())) {
      return new Evaluation(t, observed, Double.NaN, enoughCases ? threshold.upper() : Double.NaN,
          enoughCases ? threshold.score() : Double.NaN, false, true);
    }
    boolean alarm = threshold.score() > 1 && observed != 0;
    return new Evaluation(t, observed, threshold.expected(), threshold.upper(), threshold.score(), alarm, true);
  }

  /**
   * A fitted model. {@code phi} is max(1, estimated dispersion) and scales the threshold; {@code inferenceDispersion}
   * is the dispersion R's summary.glm and predict.glm then see. After reweighting, farringtonFlexible replaces the
   * model's working weights by the prior weights, so that dispersion becomes sum(omega * ((y - mu) / mu)^2) / df:
   * much smaller than phi, which narrows the prediction's standard error and makes trends significant more often.
   * We reproduce it because the goal is the reference's results, not a reinterpretation of them.
   */
  private record Model(QuasiPoissonFit fit, ReferenceData.Design design, double phi, double inferenceDispersion) {
    double linearPredictor(double[] row) {
      return fit.linearPredictor(row);
    }

    double linearPredictorStandardError(double[] row) {
      return fit.linearPredictorStandardError(row, inferenceDispersion);
    }
  }

  private record Threshold(double expected, double upper, double score) {}

  /** R's algo.farrington.glm: fit with trend, keep the trend only if it passes the three conditions. */
  private Optional<Model> finalModel(ReferenceData data, int t) {
    Optional<Model> model = fitFlexible(data, options.trend());
    if (model.isEmpty()) {
      return model;
    }
    if (model.get().design().hasTrend()) {
      double[] now = model.get().design().predictionRow(data.position());
      double predicted = Math.exp(model.get().linearPredictor(now));
      boolean significant = model.get().fit().coefficientPValue(1, model.get().inferenceDispersion()) < options.pThresholdTrend();
      boolean doTrend = options.b() >= 3 && significant && predicted <= data.maxResponse();
      if (!doTrend) {
        model = fitFlexible(data, false);
      }
    }
    return model;
  }

  /** R's algo.farrington.fitGLM.flexible: fit, drop the trend if that does not converge, then reweight. */
  private Optional<Model> fitFlexible(ReferenceData data, boolean trend) {
    ReferenceData.Design design = data.design(trend);
    double[] unitWeights = new double[data.size()];
    java.util.Arrays.fill(unitWeights, 1);
    Optional<QuasiPoissonFit> fit = QuasiPoissonGlm.fit(design.rows(), data.response(), unitWeights);
    if ((fit.isEmpty() || !fit.get().converged()) && trend) {
      design = data.design(false);
      fit = QuasiPoissonGlm.fit(design.rows(), data.response(), unitWeights);
    }
    if (fit.isEmpty() || !fit.get().converged()) {
      return Optional.empty();
    }
    double phi = Math.max(fit.get().dispersion(), 1);
    if (!options.reweight()) {
      return Optional.of(new Model(fit.get(), design, phi, fit.get().dispersion()));
    }
    double[] weights = downWeights(anscombeResiduals(fit.get(), data.response(), phi));
    fit = QuasiPoissonGlm.fit(design.rows(), data.response(), weights);
    if (fit.isEmpty()) {
      return Optional.empty();
    }
    double[] residuals = fit.get().workingResiduals(data.response());
    double weightedSquares = 0;
    for (int i = 0; i < residuals.length; i++) {
      weightedSquares += weights[i] * residuals[i] * residuals[i];
    }
    return Optional.of(new Model(fit.get(), design, Math.max(fit.get().dispersion(), 1),
        weightedSquares / fit.get().residualDegreesOfFreedom()));
  }

  private static double[] anscombeResiduals(QuasiPoissonFit fit, double[] y, double phi) {
    double[] residuals = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double mu = fit.fitted()[i];
      double a = 1.5 * (Math.pow(y[i], 2.0 / 3) * Math.pow(mu, -1.0 / 6) - Math.sqrt(mu));
      residuals[i] = a / Math.sqrt(phi * (1 - fit.hatValues()[i]));
    }
    return residuals;
  }

  /** Points with a standardised residual above the threshold get weight proportional to s^-2; weights sum to n. */
  private double[] downWeights(double[] residuals) {
    double sum = 0;
    for (double s : residuals) {
      sum += s > options.weightsThreshold() ? 1 / (s * s) : 1;
    }
    double gamma = residuals.length / sum;
    double[] weights = new double[residuals.length];
    for (int i = 0; i < residuals.length; i++) {
      double s = residuals[i];
      weights[i] = s > options.weightsThreshold() ? gamma / (s * s) : gamma;
    }
    return weights;
  }

  /** R's algo.farrington.threshold.farrington. */
  private Threshold deltaThreshold(Model model, ReferenceData data, double observed) {
    double[] now = model.design().predictionRow(data.position());
    double mu0 = Math.exp(model.linearPredictor(now));
    double seFit = model.linearPredictorStandardError(now) * mu0;
    double tau = model.phi() + seFit * seFit / mu0;
    double exponent = options.powerTransform().exponent;
    double se = switch (options.powerTransform()) {
      case NONE -> Math.sqrt(mu0 * tau);
      case SQUARE_ROOT -> Math.sqrt(0.25 * tau);
      case TWO_THIRDS -> Math.sqrt(4.0 / 9 * Math.pow(mu0, 1.0 / 3) * tau);
    };
    double upper = Math.pow(Math.pow(mu0, exponent) + z * se, 1 / exponent);
    return new Threshold(mu0, upper, (observed - mu0) / (upper - mu0));
  }

  /** R's algo.farrington.threshold.noufaily; its score is taken against the linear predictor, as in R. */
  private Threshold negativeBinomialThreshold(Model model, ReferenceData data, double observed) {
    double[] now = model.design().predictionRow(data.position());
    double eta0 = model.linearPredictor(now);
    double mu0Quantile = options.thresholdMethod() == ThresholdMethod.NB_PLUGIN
        ? Math.exp(eta0) : Math.exp(eta0 + z * model.linearPredictorStandardError(now));
    if (Double.isInfinite(mu0Quantile)) {
      return new Threshold(Math.exp(eta0), Double.NaN, Double.NaN);
    }
    double phi = model.phi();
    double upper = phi > 1
        ? SpecialFunctions.negativeBinomialQuantile(1 - options.alpha(), mu0Quantile / (phi - 1), 1 / phi)
        : SpecialFunctions.poissonQuantile(1 - options.alpha(), mu0Quantile);
    return new Threshold(Math.exp(eta0), upper, (observed - eta0) / (upper - eta0));
  }
}
