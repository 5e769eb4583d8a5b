package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowwatch.detectors.GeneralizedLikelihoodRatio.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GLR chart against R's surveillance::glrnb (intercept change, given mu0): negative binomial and Poisson,
 * increase and decrease, with and without a window; statistic within 1e-6 relative, identical alarms (including the
 * restarts after each alarm).
 */
class GeneralizedLikelihoodRatioGoldenTest {
  private static final Map<String, GeneralizedLikelihoodRatio> CONFIGS = Map.of(
      "nb_inc", new GeneralizedLikelihoodRatio(0.2, 5, -1, Direction.INCREASE),
      "nb_inc_window", new GeneralizedLikelihoodRatio(0.2, 3, 14, Direction.INCREASE),
      "nb_dec", new GeneralizedLikelihoodRatio(0.2, 5, -1, Direction.DECREASE),
      "poisson_inc", new GeneralizedLikelihoodRatio(0, 5, -1, Direction.INCREASE),
      "poisson_dec_window", new GeneralizedLikelihoodRatio(0, 4, 20, Direction.DECREASE));
  private static final List<String[]> REFERENCE = GoldenVectors.rows("glrnb.csv");

  static Stream<Arguments> configsAndSeries() {
    return GoldenVectors.configsAndSeries("glrnb.csv");
  }


  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("configsAndSeries")
  void matchesTheReference(String config, String series) {
    List<String[]> reference = REFERENCE.stream().filter(row -> row[0].equals(config) && row[1].equals(series))
        .toList();
    double[] counts = reference.stream().mapToDouble(row -> Double.parseDouble(row[3])).toArray();
    double[] mu0 = reference.stream().mapToDouble(row -> GoldenVectors.number(row[4])).toArray();

    List<Evaluation> evaluations = CONFIGS.get(config).evaluate(counts, mu0);

    assertThat(evaluations).hasSameSizeAs(reference);
    for (int i = 0; i < reference.size(); i++) {
      double value = GoldenVectors.number(reference.get(i)[5]);
      assertThat(evaluations.get(i).score()).as("GLR statistic at t=%d", i + 1)
          .isCloseTo(value, offset(Math.abs(value) * 1e-6 + 1e-9));
      assertThat(evaluations.get(i).alarm()).as("alarm at t=%d", i + 1).isEqualTo(reference.get(i)[6].equals("1"));
    }
  }

  @org.junit.jupiter.api.Test
  void theThresholdIsTheSmallestCountThatWouldAlarm() {
    GeneralizedLikelihoodRatio chart = new GeneralizedLikelihoodRatio(0.2, 5, -1, Direction.INCREASE);
    double[] counts = {20, 22, 18, 21, 19, 20, 0};
    double[] mu0 = {20, 20, 20, 20, 20, 20, 20};
    double threshold = chart.evaluate(counts, mu0).get(6).threshold();

    counts[6] = threshold;
    assertThat(chart.evaluate(counts, mu0).get(6).alarm()).isTrue();
    counts[6] = threshold - 1;
    assertThat(chart.evaluate(counts, mu0).get(6).alarm()).isFalse();
    assertThat(threshold).isGreaterThan(20);
  }
}
