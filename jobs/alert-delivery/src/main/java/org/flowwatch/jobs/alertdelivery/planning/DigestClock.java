package org.flowwatch.jobs.alertdelivery.planning;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.flowwatch.schema.delivery.DigestSchedule;

/** When a subscription's next daily digest is due: the next occurrence of its local time in its time zone. */
public final class DigestClock {
  private DigestClock() {}

  /** The first instant strictly after {@code after} at which the local clock shows {@code schedule}'s time. */
  public static Instant next(Instant after, DigestSchedule schedule) {
    LocalTime time = LocalTime.parse(schedule.getLocalTime());
    ZoneId zone = ZoneId.of(schedule.getTimeZone());
    ZonedDateTime local = after.atZone(zone);
    ZonedDateTime candidate = local.toLocalDate().atTime(time).atZone(zone);
    if (!candidate.toInstant().isAfter(after)) {
      candidate = local.toLocalDate().plusDays(1).atTime(time).atZone(zone);
    }
    return candidate.toInstant();
  }

  /** Whether {@code schedule} can be read; subscriptions are validated before they reach the job, this is the guard. */
  public static boolean valid(DigestSchedule schedule) {
    try {
      LocalTime.parse(schedule.getLocalTime());
      ZoneId.of(schedule.getTimeZone());
      return true;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }
}
