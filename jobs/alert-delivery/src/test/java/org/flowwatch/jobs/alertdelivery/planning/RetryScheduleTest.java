package org.flowwatch.jobs.alertdelivery.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RetrySchedule schedule = new RetrySchedule(new DeliveryPolicy(Duration.ofSeconds(30), 20, Duration.ofHours(1),
      Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofHours(1)));

  @Test
  void shouldDoubleTheBackoffUpToItsCap() {
    assertThat(schedule.backoffMillis(1)).isEqualTo(30_000);
    assertThat(schedule.backoffMillis(2)).isEqualTo(60_000);
    assertThat(schedule.backoffMillis(4)).isEqualTo(240_000);
    assertThat(schedule.backoffMillis(8)).isEqualTo(3_600_000);
    assertThat(schedule.backoffMillis(500)).isEqualTo(3_600_000);
  }

  @Test
  void shouldJitterWithinTheUpperHalfOfTheBackoff() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      assertThat(schedule.nextAttemptAt(1_000, 0, 3, null, random)).isBetween(1_000 + 60_000L, 1_000 + 120_000L);
    }
  }

  @Test
  void shouldNeverRetryBeforeTheEndpointsRetryAfter() {
    assertThat(schedule.nextAttemptAt(0, 0, 1, Duration.ofMinutes(10), new SplittableRandom(1)))
        .isEqualTo(Duration.ofMinutes(10).toMillis());
  }

  @Test
  void shouldNeverScheduleBeyondTheRetryPeriodWhateverTheEndpointAsks() {
    long day = Duration.ofHours(24).toMillis();
    assertThat(schedule.nextAttemptAt(day - 1_000, 0, 1, Duration.ofSeconds(Long.MAX_VALUE / 2), new SplittableRandom(1)))
        .isEqualTo(day);
    assertThat(schedule.nextAttemptAt(day - 1_000, 0, 30, null, new SplittableRandom(1))).isEqualTo(day);
  }

  @Test
  void shouldGiveUpAfterTheRetryPeriod() {
    assertThat(schedule.givesUp(0, Duration.ofHours(24).toMillis() - 1)).isFalse();
    assertThat(schedule.givesUp(0, Duration.ofHours(24).toMillis())).isTrue();
  }
}
