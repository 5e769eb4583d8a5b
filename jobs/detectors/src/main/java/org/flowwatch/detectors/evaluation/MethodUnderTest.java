package org.flowwatch.detectors.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowwatch.detectors.Detector;
import org.flowwatch.detectors.EarsC;
import org.flowwatch.detectors.Evaluation;
import org.flowwatch.detectors.FarringtonFlexible;
import org.flowwatch.detectors.GeneralizedLikelihoodRatio;
import org.flowwatch.detectors.InControlModel;
import org.flowwatch.detectors.PercentChange;

/**
 * A detection method as the evaluation runs it: on a daily series, and (if it can) on a single latest point. A null
 * detector stands for the GLR chart, which is sequential (it restarts after each alarm) and so only runs daily. A
 * fast detector, when given, also watches the last 6 hours against the same 6 hours of past days in the nowcast.
 */
public record MethodUnderTest(String name, Detector detector, Detector fastDetector) {

  public static MethodUnderTest of(String name, Detector detector) {
    return new MethodUnderTest(name, detector, null);
  }

  /** The day-of-week Farrington configuration the streaming job uses. */
  public static FarringtonFlexible weekdayFarrington(double alpha) {
    return new FarringtonFlexible(FarringtonFlexible.Options.defaults(7).withWindow(8, 0).withSeasonalPeriods(7, 0)
        .withAlpha(alpha));
  }

  /** The methods compared: Farrington at three levels, EARS, the DTM rule, and the GLR chart (daily only). */
  public static List<MethodUnderTest> all() {
    return List.of(
        of("farrington a=0.05", weekdayFarrington(0.05)),
        of("farrington a=0.01", weekdayFarrington(0.01)),
        of("farrington a=0.001", weekdayFarrington(0.001)),
        new MethodUnderTest("farrington a=0.001 + 6h a=0.0001", weekdayFarrington(0.001), weekdayFarrington(0.0001)),
        of("ears-c1", new EarsC(EarsC.Method.C1)),
        of("ears-c2", new EarsC(EarsC.Method.C2)),
        of("ears-c3", new EarsC(EarsC.Method.C3)),
        of("pct-change 50%", PercentChange.defaults()),
        of("glrnb c.ARL=5", null));
  }

  public boolean nowcasts() {
    return detector != null;
  }

  /** Points of daily history before the first evaluation. */
  public int requiredHistory() {
    return detector != null ? detector.requiredHistory() : 56;
  }

  /**
   * Evaluations of days {@code first..} of a daily series (null before {@code first}). The GLR chart learns its
   * in-control mean and dispersion on the days before {@code first} and runs from there.
   */
  public List<Evaluation> evaluateDays(double[] days, int first) {
    List<Evaluation> evaluations = new ArrayList<>(Arrays.asList(new Evaluation[days.length]));
    if (detector != null) {
      for (int t = first; t < days.length; t++) {
        evaluations.set(t, detector.evaluateAt(days, t));
      }
      return evaluations;
    }
    InControlModel model = InControlModel.estimate(days, first, 7);
    GeneralizedLikelihoodRatio fitted = new GeneralizedLikelihoodRatio(model.alpha(), 5, -1,
        GeneralizedLikelihoodRatio.Direction.INCREASE);
    List<Evaluation> monitored = fitted.evaluate(Arrays.copyOfRange(days, first, days.length),
        Arrays.copyOfRange(model.mu0(), first, days.length));
    for (int t = first; t < days.length; t++) {
      evaluations.set(t, monitored.get(t - first));
    }
    return evaluations;
  }
}
