package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EarsCTest {

  @Test
  void c1ComparesTodayWithTheSevenDaysBefore() {
    double[] counts = {10, 12, 11, 9, 10, 11, 12, 40};
    Evaluation today = new EarsC(EarsC.Method.C1).evaluate(counts).get(7);

    assertThat(today.expected()).isCloseTo(75 / 7.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(today.alarm()).isTrue();
    assertThat(today.score()).isGreaterThan(NormalDistribution.quantile(0.999));
  }

  @Test
  void saysWhenItHasTooLittleHistory() {
    List<Evaluation> evaluations = new EarsC(EarsC.Method.C2).evaluate(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    assertThat(evaluations).extracting(Evaluation::enoughHistory)
        .containsExactly(false, false, false, false, false, false, false, false, false, true);
    assertThat(evaluations.get(0).threshold()).isNaN();
  }

  @Test
  void namesItself() {
    assertThat(new EarsC(EarsC.Method.C3).name()).isEqualTo("ears-c3");
  }

  @Test
  void rejectsInvalidParameters() {
    assertThatThrownBy(() -> new EarsC(EarsC.Method.C1, 2, 0.001, 0)).hasMessageContaining("baseline");
    assertThatThrownBy(() -> new EarsC(EarsC.Method.C1, 7, 1.5, 0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new EarsC(EarsC.Method.C1, 7, 0.001, -1)).hasMessageContaining("minSigma");
  }
}
