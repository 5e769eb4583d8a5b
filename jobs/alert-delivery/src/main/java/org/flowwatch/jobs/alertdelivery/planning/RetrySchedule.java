package org.flowwatch.jobs.alertdelivery.planning;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;

/**
 * When a failed delivery is tried again: exponential backoff (initial, doubled per attempt, capped), with "equal
 * jitter" (a uniform draw in the upper half of the backoff) so that endpoints recovering from an outage are not hit
 * by every subscriber at the same instant, and never before the endpoint's Retry-After. After the retry period,
 * counted from the first attempt, the delivery is given up.
 */
public final class RetrySchedule {
  private final DeliveryPolicy policy;

  public RetrySchedule(DeliveryPolicy policy) {
    this.policy = policy;
  }

  /**
   * The next attempt, never after the end of the retry period: a Retry-After beyond it (or absurdly far) makes that
   * the last attempt, after which the delivery is given up.
   *
   * @param firstAttemptAt when the first attempt was due: the retry period counts from there
   * @param attempts attempts made so far (at least 1)
   * @param retryAfter the endpoint's Retry-After, or null
   */
  public long nextAttemptAt(long now, long firstAttemptAt, int attempts, Duration retryAfter, RandomGenerator random) {
    long backoff = backoffMillis(attempts);
    long jittered = backoff / 2 + (long) (random.nextDouble() * (backoff - backoff / 2 + 1));
    long period = policy.retryPeriod().toMillis();
    long asked = retryAfter == null ? 0 : retryAfter.compareTo(policy.retryPeriod()) > 0 ? period : retryAfter.toMillis();
    long next = now + Math.max(jittered, asked);
    return Math.max(now, Math.min(next, firstAttemptAt + period));
  }

  /** The backoff after {@code attempts} attempts, before jitter. */
  public long backoffMillis(int attempts) {
    long initial = policy.initialBackoff().toMillis();
    long max = policy.maxBackoff().toMillis();
    int doublings = Math.min(Math.max(attempts - 1, 0), 40);
    long backoff = initial << doublings;
    return backoff <= 0 || backoff > max ? max : backoff;
  }

  /** Whether a delivery first attempted at {@code firstAttemptAt} has been retried long enough. */
  public boolean givesUp(long firstAttemptAt, long now) {
    return now - firstAttemptAt >= policy.retryPeriod().toMillis();
  }
}
