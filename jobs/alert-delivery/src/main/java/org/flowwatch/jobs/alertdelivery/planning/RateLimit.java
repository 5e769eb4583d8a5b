package org.flowwatch.jobs.alertdelivery.planning;

import java.time.Duration;
import java.util.List;

/**
 * At most {@code limit} messages in any sliding {@code period} (by default 20 an hour). The times of the messages
 * sent are all the state it needs; a message that would exceed the limit waits until the oldest of them leaves the
 * period.
 */
public record RateLimit(int limit, Duration period) {

  public RateLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one message, was " + limit);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit's period must be positive, was " + period);
    }
  }

  /** The send times still inside the period before {@code now}, oldest first. */
  public List<Long> recent(List<Long> sentTimes, long now) {
    return sentTimes.stream().filter(t -> t > now - period.toMillis()).sorted().toList();
  }

  public boolean allows(List<Long> sentTimes, long now) {
    return recent(sentTimes, now).size() < limit;
  }

  /** When the next message may be sent: now if allowed, else when enough send times have left the period. */
  public long nextAllowedAt(List<Long> sentTimes, long now) {
    List<Long> recent = recent(sentTimes, now);
    if (recent.size() < limit) {
      return now;
    }
    return recent.get(recent.size() - limit) + period.toMillis();
  }
}
