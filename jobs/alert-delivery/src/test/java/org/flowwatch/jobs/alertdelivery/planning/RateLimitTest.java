package org.flowwatch.jobs.alertdelivery.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final long HOUR = 3_600_000;

  @Test
  void shouldAllowUpToTheLimitInAnySlidingHour() {
    RateLimit limit = new RateLimit(2, java.time.Duration.ofHours(1));
    assertThat(limit.allows(List.of(), 0)).isTrue();
    assertThat(limit.allows(List.of(0L), 10)).isTrue();
    assertThat(limit.allows(List.of(0L, 10L), 20)).isFalse();
    assertThat(limit.allows(List.of(0L, 10L), HOUR)).isTrue();
  }

  @Test
  void shouldSayWhenTheNextMessageMayGo() {
    RateLimit limit = new RateLimit(2, java.time.Duration.ofHours(1));
    assertThat(limit.nextAllowedAt(List.of(100L, 5_000L), 6_000)).isEqualTo(100 + HOUR);
    assertThat(limit.nextAllowedAt(List.of(100L), 6_000)).isEqualTo(6_000);
    assertThat(limit.recent(List.of(5L, 100L, HOUR + 50), HOUR + 60)).containsExactly(100L, HOUR + 50);
  }

  @Test
  void shouldRefuseALimitBelowOne() {
    assertThatThrownBy(() -> new RateLimit(0, java.time.Duration.ofHours(1))).hasMessageContaining("at least one");
  }
}
