package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EARS C1, C2 and C3 against R's surveillance::earsC on varied series (flat, trend, weekly seasonality,
 * overdispersion, small counts, zeros, an outbreak, a collapse): thresholds within 1e-6 relative, identical alarms,
 * the same first evaluable point, and NaN wherever R answers NA.
 */
class EarsCGoldenTest {
  private static final Map<String, double[]> SERIES = GoldenVectors.series();

  static Stream<Arguments> seriesAndMethods() {
    List<Arguments> cases = new ArrayList<>();
    for (String series : SERIES.keySet()) {
      for (EarsC.Method method : EarsC.Method.values()) {
        cases.add(Arguments.of(series, method));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("seriesAndMethods")
  void matchesTheReference(String series, EarsC.Method method) {
    List<Evaluation> evaluations = new EarsC(method).evaluate(SERIES.get(series));
    List<String[]> reference = GoldenVectors.rows("ears.csv").stream()
        .filter(row -> row[0].equals(series) && row[1].equals(method.name())).toList();

    int firstEvaluated = Integer.parseInt(reference.get(0)[2]) - 1; // R counts from 1
    assertThat(evaluations.subList(0, firstEvaluated)).allSatisfy(e -> assertThat(e.enoughHistory()).isFalse());
    assertThat(evaluations.size() - firstEvaluated).isEqualTo(reference.size());
    int alarms = 0;
    for (String[] row : reference) {
      Evaluation evaluation = evaluations.get(Integer.parseInt(row[2]) - 1);
      double threshold = GoldenVectors.number(row[4]);
      assertThat(evaluation.enoughHistory()).isTrue();
      assertThat(evaluation.observed()).isEqualTo(Double.parseDouble(row[3]));
      if (Double.isNaN(threshold)) {
        assertThat(evaluation.threshold()).as("t=%s", row[2]).isNaN();
        assertThat(evaluation.alarm()).isFalse();
      } else {
        assertThat(evaluation.threshold()).as("threshold at t=%s", row[2])
            .isCloseTo(threshold, org.assertj.core.data.Offset.offset(Math.abs(threshold) * 1e-6 + 1e-12));
        assertThat(evaluation.alarm()).as("alarm at t=%s", row[2]).isEqualTo(row[5].equals("1"));
        alarms += evaluation.alarm() ? 1 : 0;
      }
    }
    if (series.equals("outbreak")) {
      assertThat(alarms).as("the planted outbreak alarms").isPositive();
    }
  }
}
