package org.flowwatch.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowwatch.detectors.CountSeries;
import org.flowwatch.detectors.Detector;
import org.flowwatch.detectors.EarsC;
import org.flowwatch.detectors.Evaluation;
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
        "Defaults equal R surveillance::earsC's: baseline 7, alpha 0.001 (C1, C2) or 0.025 (C3), min-sigma 0."})
final class DetectCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The date,count CSV.")
  Path input;

  @Option(names = "--method", required = true,
      description = "ears-c1, ears-c2, ears-c3 or pct-change (farrington and glrnb are not built yet).")
  String method;

  @Option(names = "--window", description = "pct-change: periods averaged as the expected value (default: 7).")
  Integer window;

  @Option(names = "--threshold-percent", description = "pct-change: rise that alarms, in percent (default: 50).")
  Double thresholdPercent;

  @Option(names = "--baseline", description = "EARS baseline length in periods (default: 7).")
  Integer baseline;

  @Option(names = "--alpha", description = "EARS significance level (default: 0.001 for C1 and C2, 0.025 for C3).")
  Double alpha;

  @Option(names = "--min-sigma", description = "EARS floor of the baseline's standard deviation (default: 0).")
  Double minSigma;

  @Override
  public Integer call() {
    Detector detector;
    try {
      detector = detector();
    } catch (IllegalArgumentException e) {
      System.err.println("flowwatch detect: " + e.getMessage());
      return 2;
    }
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
    print(series, detector, System.out);
    series.errors().forEach(error -> System.err.println("flowwatch detect: " + input + " " + error));
    return series.errors().isEmpty() ? 0 : 1;
  }

  private Detector detector() {
    String name = method.toLowerCase(Locale.ROOT);
    if (name.equals("pct-change")) {
      return new PercentChange(window == null ? 7 : window, thresholdPercent == null ? 50 : thresholdPercent);
    }
    EarsC.Method ears = switch (name) {
      case "ears-c1" -> EarsC.Method.C1;
      case "ears-c2" -> EarsC.Method.C2;
      case "ears-c3" -> EarsC.Method.C3;
      default -> throw new IllegalArgumentException("--method '" + method + "' is not available; this version has "
          + "ears-c1, ears-c2, ears-c3 and pct-change (farrington and glrnb are still to be built)");
    };
    return new EarsC(ears, baseline == null ? 7 : baseline, alpha == null ? ears.defaultAlpha() : alpha,
        minSigma == null ? 0 : minSigma);
  }

  static void print(CountSeries series, Detector detector, PrintStream out) {
    out.println("date,count,expected,threshold,alarm");
    for (Evaluation evaluation : detector.evaluate(series.counts())) {
      if (evaluation.enoughHistory()) {
        out.printf(Locale.ROOT, "%s,%s,%s,%s,%s%n", series.dates().get(evaluation.index()), number(evaluation.observed()),
            number(evaluation.expected()), number(evaluation.threshold()),
            Double.isNaN(evaluation.threshold()) ? "NA" : evaluation.alarm() ? "1" : "0");
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
