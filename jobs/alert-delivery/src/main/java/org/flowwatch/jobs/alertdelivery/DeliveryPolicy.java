package org.flowwatch.jobs.alertdelivery;

import java.io.Serializable;
import java.time.Duration;

/**
 * How messages are planned and retried: the grouping wait, the rate limit per subscription, and the retry
 * schedule (exponential backoff from {@code initialBackoff} to {@code maxBackoff}, for {@code retryPeriod}).
 */
public record DeliveryPolicy(Duration groupWait, int rateLimit, Duration rateLimitPeriod, Duration retryPeriod,
    Duration initialBackoff, Duration maxBackoff) implements Serializable {

  public static DeliveryPolicy defaults() {
    return AlertDeliverySettings.defaults().policy();
  }
}
