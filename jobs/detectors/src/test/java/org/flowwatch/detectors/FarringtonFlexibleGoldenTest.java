package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowwatch.detectors.FarringtonFlexible.Options;
import org.flowwatch.detectors.FarringtonFlexible.ThresholdMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Farrington-flexible against R's surveillance::farringtonFlexible in four configurations (the reference's
 * defaults on weekly series; Noufaily's seasonal blocks with the muan threshold; the day-of-week configuration the
 * streaming job uses, with the delta and nbPlugin thresholds), on series with trend, seasonality, overdispersion,
 * small counts, zeros, past outbreaks and a current outbreak: expected values and thresholds within 1e-6 relative,
 * identical alarms, the same first evaluable point, NaN where R answers NA.
 */
class FarringtonFlexibleGoldenTest {
  private static final Map<String, Options> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("default", Options.defaults(52));
    CONFIGS.put("noufaily", Options.defaults(52).withSeasonalPeriods(10, 26).withThresholdMethod(ThresholdMethod.MUAN));
    Options weekday = Options.defaults(7).withWindow(8, 0).withSeasonalPeriods(7, 0);
    CONFIGS.put("weekday", weekday);
    CONFIGS.put("weekday_nbplugin", weekday.withThresholdMethod(ThresholdMethod.NB_PLUGIN).withAlpha(0.01));
  }

  private static final List<String[]> REFERENCE = GoldenVectors.rows("farrington.csv");
  private static final List<String[]> SERIES = GoldenVectors.rows("farrington-series.csv");

  static Stream<Arguments> configsAndSeries() {
    return GoldenVectors.configsAndSeries("farrington.csv");
  }


  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("configsAndSeries")
  void matchesTheReference(String config, String series) {
    double[] counts = SERIES.stream().filter(row -> row[0].equals(config) && row[1].equals(series))
        .mapToDouble(row -> Double.parseDouble(row[3])).toArray();
    FarringtonFlexible detector = new FarringtonFlexible(CONFIGS.get(config));
    List<Evaluation> evaluations = detector.evaluate(counts);
    List<String[]> reference = REFERENCE.stream().filter(row -> row[0].equals(config) && row[1].equals(series))
        .toList();

    int firstEvaluated = Integer.parseInt(reference.get(0)[2]) - 1;
    assertThat(firstEvaluated).isEqualTo(detector.requiredHistory());
    assertThat(evaluations.subList(0, firstEvaluated)).allSatisfy(e -> assertThat(e.enoughHistory()).isFalse());
    assertThat(evaluations.size() - firstEvaluated).isEqualTo(reference.size());
    for (String[] row : reference) {
      Evaluation evaluation = evaluations.get(Integer.parseInt(row[2]) - 1);
      assertThat(evaluation.enoughHistory()).isTrue();
      assertThat(evaluation.observed()).isEqualTo(Double.parseDouble(row[3]));
      assertClose(evaluation.expected(), GoldenVectors.number(row[4]), "expected at t=" + row[2]);
      assertClose(evaluation.threshold(), GoldenVectors.number(row[5]), "threshold at t=" + row[2]);
      assertThat(evaluation.alarm()).as("alarm at t=%s", row[2]).isEqualTo(row[6].equals("1"));
    }
  }

  private static void assertClose(double actual, double reference, String what) {
    if (Double.isNaN(reference)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(reference, offset(Math.abs(reference) * 1e-6 + 1e-9));
    }
  }
}
