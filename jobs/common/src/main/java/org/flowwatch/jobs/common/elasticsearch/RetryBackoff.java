package org.flowwatch.jobs.common.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/** Exponential backoff between retries of a failed bulk request: initial, doubled per attempt, capped. */
public record RetryBackoff(Duration initial, Duration max) implements Serializable {
  public RetryBackoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
    }
  }

  /** Delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delayBeforeAttempt(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initial.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
