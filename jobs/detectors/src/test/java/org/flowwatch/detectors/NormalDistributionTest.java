package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

  @Test
  void quantilesMatchRsQnorm() {
    for (String[] row : GoldenVectors.rows("qnorm.csv")) {
      double p = GoldenVectors.number(row[0]);
      double expected = GoldenVectors.number(row[1]);
      assertThat(NormalDistribution.quantile(p)).as("qnorm(%s)", p)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.abs(expected) * 1e-14 + 1e-15));
    }
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> NormalDistribution.quantile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NormalDistribution.quantile(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
