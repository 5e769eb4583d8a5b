package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentChangeTest {

  @Test
  void comparesEachPeriodWithTheAverageOfTheWindowBefore() {
    List<Evaluation> evaluations = new PercentChange(3, 50).evaluate(new double[] {10, 20, 30, 29, 31, 50});

    assertThat(evaluations.subList(0, 3)).allSatisfy(e -> assertThat(e.enoughHistory()).isFalse());
    Evaluation quiet = evaluations.get(3);
    assertThat(quiet.expected()).isEqualTo(20);
    assertThat(quiet.threshold()).isEqualTo(30);
    assertThat(quiet.score()).isEqualTo(45);
    assertThat(quiet.alarm()).isFalse();
    Evaluation surge = evaluations.get(5);
    assertThat(surge.expected()).isEqualTo(30);
    assertThat(surge.alarm()).isTrue();
  }

  @Test
  void aRiseFromNothingHasNoPercentButStillAlarms() {
    Evaluation evaluation = new PercentChange(2, 50).evaluate(new double[] {0, 0, 4}).get(2);
    assertThat(evaluation.score()).isNaN();
    assertThat(evaluation.alarm()).isTrue();
  }

  @Test
  void rejectsInvalidParameters() {
    assertThatThrownBy(() -> new PercentChange(0, 50)).hasMessageContaining("window");
    assertThatThrownBy(() -> new PercentChange(7, 0)).hasMessageContaining("thresholdPercent");
  }
}
