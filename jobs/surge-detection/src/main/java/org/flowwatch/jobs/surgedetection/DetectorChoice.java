package org.flowwatch.jobs.surgedetection;

import java.io.Serializable;
import org.flowwatch.detectors.Detector;
import org.flowwatch.detectors.EarsC;
import org.flowwatch.detectors.FarringtonFlexible;
import org.flowwatch.detectors.PercentChange;
import org.flowwatch.detectors.alerts.MonitorSettings.SerializableSupplier;

/**
 * The surge detector the job runs on each series' daily points, by name. {@code farrington} is Farrington-flexible
 * set up for daily data with a weekly pattern: the same weekday of the last 8 weeks and a factor for each other
 * weekday (frequency 7, b 8, w 0, 7 seasonal periods), so Mondays are compared with Mondays.
 *
 * @param historyDays daily points the detector needs, the evaluated one included
 */
public record DetectorChoice(String method, double alpha, int historyDays) implements Serializable {

  public static DetectorChoice of(String method, double alpha) {
    return new DetectorChoice(method, alpha, create(method, alpha).requiredHistory() + 1);
  }

  public SerializableSupplier<Detector> supplier() {
    String name = method;
    double level = alpha;
    return () -> create(name, level);
  }

  /** Farrington-flexible for daily series with a day-of-week factor. */
  public static FarringtonFlexible.Options weekdayFarrington(double alpha) {
    return FarringtonFlexible.Options.defaults(7).withWindow(8, 0).withSeasonalPeriods(7, 0).withAlpha(alpha);
  }

  static Detector create(String method, double alpha) {
    return switch (method) {
      case "farrington" -> new FarringtonFlexible(weekdayFarrington(alpha));
      case "ears-c1" -> new EarsC(EarsC.Method.C1, 7, alpha, 0);
      case "ears-c2" -> new EarsC(EarsC.Method.C2, 7, alpha, 0);
      case "ears-c3" -> new EarsC(EarsC.Method.C3, 7, alpha, 0);
      case "pct-change" -> PercentChange.defaults();
      default -> throw new IllegalArgumentException("must be one of farrington, ears-c1, ears-c2, ears-c3, pct-change;"
          + " was '" + method + "'");
    };
  }
}
