package org.flowwatch.jobs.alertdelivery.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.flowwatch.schema.delivery.DigestSchedule;
import org.junit.jupiter.api.Test;

class DigestClockTest {
  private static DigestSchedule at(String time, String zone) {
    return DigestSchedule.newBuilder().setLocalTime(time).setTimeZone(zone).build();
  }

  @Test
  void shouldFindTheNextLocalTimeTodayOrTomorrow() {
    assertThat(DigestClock.next(Instant.parse("2026-11-30T05:00:00Z"), at("07:00", "Africa/Niamey")))
        .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
    assertThat(DigestClock.next(Instant.parse("2026-11-30T06:00:00Z"), at("07:00", "+01:00")))
        .isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
  }

  @Test
  void shouldFollowDaylightSavingWhereTheZoneHasIt() {
    // Paris changes to summer time on 2026-03-29: 07:00 local is 06:00 UTC before and 05:00 UTC after.
    assertThat(DigestClock.next(Instant.parse("2026-03-28T07:00:00Z"), at("07:00", "Europe/Paris")))
        .isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
  }

  @Test
  void shouldTellAnUnreadableScheduleApart() {
    assertThat(DigestClock.valid(at("7h", "+01:00"))).isFalse();
    assertThat(DigestClock.valid(at("07:00", "Mars/Olympus"))).isFalse();
    assertThat(DigestClock.valid(at("07:00", "UTC"))).isTrue();
  }
}
