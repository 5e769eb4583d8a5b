package org.flowwatch.jobs.alertdelivery.channels;

import java.time.Duration;

/**
 * What one attempt on a channel ended in. The delivery function decides from the {@link Verdict} alone: whether it
 * is done, tries again later (not before {@code retryAfter} when the endpoint said so), disables the endpoint, or
 * gives the message up at once.
 *
 * @param statusCode HTTP status or SMTP reply code; null when nothing answered (a network error, a timeout)
 * @param reason one sentence for the delivery log; never the message body or a secret
 * @param retryAfter the endpoint's Retry-After, or null
 */
public record ChannelResult(Verdict verdict, Integer statusCode, String reason, Duration retryAfter, long latencyMillis) {

  public enum Verdict {
    /** Accepted (2xx, SMTP 250, a committed Kafka write). */
    DELIVERED,
    /** Failed for now: 429, 5xx, SMTP 4xx, a timeout or a network error. */
    RETRY,
    /** The endpoint answered 410 Gone: it is disabled and its owner told. */
    GONE,
    /** Refused for good (any other 4xx, SMTP 5xx): the same bytes would be refused again; dead-lettered at once. */
    REFUSED
  }

  public static ChannelResult delivered(Integer statusCode, long latencyMillis) {
    return new ChannelResult(Verdict.DELIVERED, statusCode, null, null, latencyMillis);
  }

  public static ChannelResult retry(Integer statusCode, String reason, Duration retryAfter, long latencyMillis) {
    return new ChannelResult(Verdict.RETRY, statusCode, reason, retryAfter, latencyMillis);
  }
}
