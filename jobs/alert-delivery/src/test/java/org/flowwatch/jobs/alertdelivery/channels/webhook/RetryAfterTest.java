package org.flowwatch.jobs.alertdelivery.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void secondsAndHttpDates() {
    assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aPastDateIsNoWaitAndNonsenseIsNoHeader() {
    assertThat(RetryAfter.parse("Mon, 30 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse(null, NOW)).isNull();
  }
}
