package org.flowwatch.jobs.alertdelivery.planning;

import java.time.Duration;
import java.util.List;

/**
 * At most {@code perHour} messages in any sliding hour. The times of the messages sent are all the state it needs;
 * a message that would exceed the limit waits until the oldest of them is an hour old.
 */
public record RateLimit(int perHour) {
  public static final Duration WINDOW = Duration.ofHours(1);

  public RateLimit {
    if (perHour < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one message an hour, was " + perHour);
    }
  }

  /** The send times still inside the hour before {@code now}, oldest first. */
  public List<Long> recent(List<Long> sentTimes, long now) {
    return sentTimes.stream().filter(t -> t > now - WINDOW.toMillis()).sorted().toList();
  }

  public boolean allows(List<Long> sentTimes, long now) {
    return recent(sentTimes, now).size() < perHour;
  }

  /** When the next message may be sent: now if allowed, else when enough send times have left the hour. */
  public long nextAllowedAt(List<Long> sentTimes, long now) {
    List<Long> recent = recent(sentTimes, now);
    if (recent.size() < perHour) {
      return now;
    }
    return recent.get(recent.size() - perHour) + WINDOW.toMillis();
  }
}
