package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  @Test
  void doublesFromTheInitialDelayUpToTheCap() {
    assertThat(backoff.delayBeforeAttempt(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delayBeforeAttempt(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delayBeforeAttempt(5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(backoff.delayBeforeAttempt(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBeforeAttempt(1_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsACapBelowTheInitialDelay() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
