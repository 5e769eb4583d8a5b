package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HourlyHistoryTest {
  @Test
  void sumsTheSameHoursOfEachDayAndForgetsWhatFallsOutOfTheHorizon() {
    HourlyHistory history = new HourlyHistory(3);
    for (long hour = 0; hour < 72; hour++) {
      history.add(hour, hour < 24 ? 1 : hour < 48 ? 2 : 3);
    }
    assertThat(history.windowSums(72, 3, 24)).containsExactly(24, 48, 72);
    assertThat(history.windowSums(72, 3, 6)).containsExactly(6, 12, 18);
    assertThat(history.windowSums(70, 2, 2)).containsExactly(4, 6);
    assertThat(history.windowSums(72, 4, 24)).as("older than the data").isNull();

    history.add(80, 5); // moves the ring on: hours up to 8 are gone, 73..79 are empty
    assertThat(history.holds(8)).isFalse();
    assertThat(history.holds(9)).isTrue();
    assertThat(history.add(5, 1)).isFalse();
    assertThat(history.count(9)).isEqualTo(1);
    assertThat(history.count(75)).isZero();
    assertThat(history.activeDays(81, 3)).isEqualTo(3);
    assertThat(history.activeDays(81 + 48, 2)).isZero();
  }
}
