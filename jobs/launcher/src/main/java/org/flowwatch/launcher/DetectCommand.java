package org.flowwatch.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowwatch.detectors.CountSeries;
import org.flowwatch.detectors.EarsC;
import org.flowwatch.detectors.Evaluation;
import org.flowwatch.detectors.FarringtonFlexible;
import org.flowwatch.detectors.GeneralizedLikelihoodRatio;
import org.flowwatch.detectors.InControlModel;
import org.flowwatch.detectors.PercentChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flowwatch detect --input FILE.csv --method M}: runs one detector of the library the jobs use over a
 * {@code date,count} series and writes {@code date,count,expected,threshold,alarm} for every date it can evaluate.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {"Run a surge detector over a date,count CSV (daily or weekly; missing dates count as 0) and print "
        + "date,count,expected,threshold,alarm for every date it can evaluate.",
        "Malformed lines are reported on stderr with their line number and reason; the exit code is then 1.",
        "Defaults equal R surveillance's: earsC baseline 7, alpha 0.001 (C1, C2) or 0.025 (C3), min-sigma 0; "
            + "farringtonFlexible b 5, w 3, alpha 0.05, frequency 52 (weekly input) or 365 (daily input), delta "
            + "threshold, reweighting, trend, 5 cases in 4 periods; glrnb c.ARL 5, intercept change, no window.",
        "For daily input with a weekly pattern, the streaming job's Farrington setting is: --frequency 7 --b 8 --w 0 "
            + "--no-periods 7."})
final class DetectCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The date,count CSV.")
  Path input;

  @Option(names = "--method", required = true,
      description = "ears-c1, ears-c2, ears-c3, farrington, glrnb or pct-change.")
  String method;

  @Option(names = "--frequency", description = "farrington/glrnb: periods per seasonal cycle (default: 52 for weekly "
      + "input, 365 for daily input as R's sts; 7 compares a day with the same weekday).")
  Integer frequency;

  @Option(names = "--b", description = "farrington: cycles to look back (default: 5).")
  Integer cyclesBack;

  @Option(names = "--w", description = "farrington: half-width of the window around each past point (default: 3).")
  Integer halfWindow;

  @Option(names = "--no-periods", description = "farrington: seasonal blocks per cycle (default: 1).")
  Integer noPeriods;

  @Option(names = "--past-weeks-not-included", description = "farrington: latest periods left out of the fit "
      + "(default: w).")
  Integer pastWeeksNotIncluded;

  @Option(names = "--threshold-method", description = "farrington: delta, nbPlugin or muan (default: delta).")
  String thresholdMethod;

  @Option(names = "--c-arl", description = "glrnb: alarm threshold on the GLR statistic (default: 5).")
  Double cArl;

  @Option(names = "--direction", description = "glrnb: inc or dec (default: inc).")
  String direction;

  @Option(names = "--mu0", description = "glrnb: a constant in-control mean (default: estimated from the training "
      + "stretch).")
  Double mu0;

  @Option(names = "--dispersion", description = "glrnb: negative binomial dispersion alpha, 0 for Poisson "
      + "(default: estimated from the training stretch).")
  Double dispersion;

  @Option(names = "--train", description = "glrnb: leading periods used to estimate the in-control mean; they are "
      + "not evaluated (default: half the series).")
  Integer train;

  @Option(names = "--window", description = "pct-change: periods averaged as the expected value (default: 7).")
  Integer window;

  @Option(names = "--threshold-percent", description = "pct-change: rise that alarms, in percent (default: 50).")
  Double thresholdPercent;

  @Option(names = "--baseline", description = "EARS baseline length in periods (default: 7).")
  Integer baseline;

  @Option(names = "--alpha", description = "Significance level (EARS default: 0.001 for C1 and C2, 0.025 for C3; "
      + "farrington: 0.05).")
  Double alpha;

  @Option(names = "--min-sigma", description = "EARS floor of the baseline's standard deviation (default: 0).")
  Double minSigma;

  @Override
  public Integer call() {
    CountSeries series;
    try (Reader reader = Files.newBufferedReader(input)) {
      series = CountSeries.read(reader);
    } catch (NoSuchFileException e) {
      System.err.println("flowwatch detect: " + input + ": no such file");
      return 2;
    } catch (IOException e) {
      System.err.println("flowwatch detect: cannot read " + input + ": " + e.getMessage());
      return 2;
    }
    List<Evaluation> evaluations;
    try {
      evaluations = evaluate(series);
    } catch (IllegalArgumentException e) {
      System.err.println("flowwatch detect: " + e.getMessage());
      return 2;
    }
    print(series, evaluations, System.out);
    series.errors().forEach(error -> System.err.println("flowwatch detect: " + input + " " + error));
    return series.errors().isEmpty() ? 0 : 1;
  }

  private List<Evaluation> evaluate(CountSeries series) {
    String name = method.toLowerCase(Locale.ROOT);
    return switch (name) {
      case "pct-change" -> new PercentChange(window == null ? 7 : window,
          thresholdPercent == null ? 50 : thresholdPercent).evaluate(series.counts());
      case "ears-c1", "ears-c2", "ears-c3" -> {
        EarsC.Method ears = EarsC.Method.valueOf(name.substring(5).toUpperCase(Locale.ROOT));
        yield new EarsC(ears, baseline == null ? 7 : baseline, alpha == null ? ears.defaultAlpha() : alpha,
            minSigma == null ? 0 : minSigma).evaluate(series.counts());
      }
      case "farrington" -> new FarringtonFlexible(farringtonOptions(series)).evaluate(series.counts());
      case "glrnb" -> glr(series);
      default -> throw new IllegalArgumentException("--method '" + method + "' is not one of ears-c1, ears-c2, "
          + "ears-c3, farrington, glrnb, pct-change");
    };
  }

  private int frequency(CountSeries series) {
    if (frequency != null) {
      return frequency;
    }
    boolean weekly = series.dates().size() > 1 && series.dates().get(0).plusDays(7).equals(series.dates().get(1));
    return weekly ? 52 : 365;
  }

  private FarringtonFlexible.Options farringtonOptions(CountSeries series) {
    FarringtonFlexible.Options options = FarringtonFlexible.Options.defaults(frequency(series));
    int w = halfWindow == null ? options.w() : halfWindow;
    options = options.withWindow(cyclesBack == null ? options.b() : cyclesBack, w)
        .withSeasonalPeriods(noPeriods == null ? 1 : noPeriods,
            pastWeeksNotIncluded == null ? w : pastWeeksNotIncluded);
    if (alpha != null) {
      options = options.withAlpha(alpha);
    }
    if (thresholdMethod != null) {
      options = options.withThresholdMethod(switch (thresholdMethod.toLowerCase(Locale.ROOT)) {
        case "delta" -> FarringtonFlexible.ThresholdMethod.DELTA;
        case "nbplugin" -> FarringtonFlexible.ThresholdMethod.NB_PLUGIN;
        case "muan" -> FarringtonFlexible.ThresholdMethod.MUAN;
        default -> throw new IllegalArgumentException("--threshold-method '" + thresholdMethod
            + "' is not one of delta, nbPlugin, muan");
      });
    }
    return options;
  }

  /** GLR over the points after the training stretch, which only serves to estimate the in-control mean. */
  private List<Evaluation> glr(CountSeries series) {
    double[] counts = series.counts();
    int training = train == null ? counts.length / 2 : train;
    if (training < 1 || training >= counts.length) {
      throw new IllegalArgumentException("--train must leave points to evaluate: 1 to " + (counts.length - 1)
          + ", was " + training);
    }
    double[] means = new double[counts.length];
    double alphaValue;
    if (mu0 != null) {
      Arrays.fill(means, mu0);
      alphaValue = dispersion == null ? 0 : dispersion;
    } else {
      InControlModel model = InControlModel.estimate(counts, training, frequency == null ? 7 : frequency);
      means = model.mu0();
      alphaValue = dispersion == null ? model.alpha() : dispersion;
    }
    GeneralizedLikelihoodRatio chart = new GeneralizedLikelihoodRatio(alphaValue, cArl == null ? 5 : cArl, -1,
        glrDirection());
    List<Evaluation> monitored = chart.evaluate(Arrays.copyOfRange(counts, training, counts.length),
        Arrays.copyOfRange(means, training, counts.length));
    List<Evaluation> all = new ArrayList<>(counts.length);
    for (int t = 0; t < counts.length; t++) {
      Evaluation e = t < training ? null : monitored.get(t - training);
      all.add(e == null ? new Evaluation(t, counts[t], Double.NaN, Double.NaN, Double.NaN, false, false)
          : new Evaluation(t, e.observed(), e.expected(), e.threshold(), e.score(), e.alarm(), true));
    }
    return all;
  }

  private GeneralizedLikelihoodRatio.Direction glrDirection() {
    if (direction == null || direction.equalsIgnoreCase("inc")) {
      return GeneralizedLikelihoodRatio.Direction.INCREASE;
    }
    if (direction.equalsIgnoreCase("dec")) {
      return GeneralizedLikelihoodRatio.Direction.DECREASE;
    }
    throw new IllegalArgumentException("--direction '" + direction + "' is not one of inc, dec");
  }

  static void print(CountSeries series, List<Evaluation> evaluations, PrintStream out) {
    out.println("date,count,expected,threshold,alarm");
    for (Evaluation evaluation : evaluations) {
      if (evaluation.enoughHistory()) {
        out.printf(Locale.ROOT, "%s,%s,%s,%s,%s%n", series.dates().get(evaluation.index()), number(evaluation.observed()),
            number(evaluation.expected()), number(evaluation.threshold()),
            Double.isNaN(evaluation.threshold()) && !evaluation.alarm() ? "NA" : evaluation.alarm() ? "1" : "0");
      }
    }
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NA";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }
}
