package org.flowwatch.jobs.flowaggregation.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DisclosureRuleTest {
  private final DisclosureRule rule = new DisclosureRule(5, PrivacyKey.demo());

  @Test
  void showsANationalityCellOnItsOwnFromTheMinimumCellSize() {
    assertThat(rule.showsOnItsOwn(4)).isFalse();
    assertThat(rule.showsOnItsOwn(5)).isTrue();
  }

  @Test
  void refusesAMinimumCellSizeThatWouldShowASinglePerson() {
    assertThatThrownBy(() -> new DisclosureRule(1, PrivacyKey.demo())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishesMultiplesOfTheBaseAsTheyAre() {
    assertThat(rule.round("cell", "travellers", 0)).isZero();
    assertThat(rule.round("cell", "travellers", 35)).isEqualTo(35);
  }

  @Test
  void roundsEveryOtherCountToOneOfTheTwoNeighbouringMultiples() {
    for (long count = 1; count < 200; count++) {
      long published = rule.round("cell", "men", count);
      assertThat(published % DisclosureRule.BASE).isZero();
      assertThat(published).isBetween(count - count % 5, count - count % 5 + 5);
    }
  }

  @Test
  void theSameCountOfTheSameCellAlwaysPublishesTheSameValue() {
    // So that a revision or a replay with an unchanged count cannot be averaged to recover it.
    DisclosureRule again = new DisclosureRule(5, PrivacyKey.demo());
    IntStream.range(0, 100).forEach(i ->
        assertThat(again.round("cell-" + i, "girls", 3)).isEqualTo(rule.round("cell-" + i, "girls", 3)));
  }

  @Test
  void isUnbiased() {
    // Rounded up with probability remainder/5: over many cells the mean of a published 2 is 2.
    double mean = IntStream.range(0, 20_000).mapToLong(i -> rule.round("cell-" + i, "travellers", 2)).average()
        .orElseThrow();
    assertThat(mean).isCloseTo(2.0, within(0.1));
  }

  @Test
  void theDrawDependsOnTheSecretKey() throws Exception {
    DisclosureRule otherKey = new DisclosureRule(5, PrivacyKey.load(Optional.empty(),
        Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, "another key of enough bytes")));
    long differences = IntStream.range(0, 200)
        .filter(i -> otherKey.round("cell-" + i, "boys", 2) != rule.round("cell-" + i, "boys", 2)).count();
    assertThat(differences).isPositive();
  }
}
