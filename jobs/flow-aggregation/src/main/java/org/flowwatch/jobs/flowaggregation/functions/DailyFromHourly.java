package org.flowwatch.jobs.flowaggregation.functions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;

/**
 * Daily point-level aggregates summed from the hourly ones of the same local day, instead of a second window over
 * every movement: one shuffle of the raw stream fewer, and a day is by construction the sum of its hours. Local days
 * follow a whole-hour UTC offset, so every UTC hour falls in exactly one local day.
 */
public final class DailyFromHourly extends LatestPerMember {
  private static final long serialVersionUID = 1L;
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final long offsetMillis;

  public DailyFromHourly(ZoneOffset zone, long allowedLatenessMillis) {
    super(allowedLatenessMillis);
    if (zone.getTotalSeconds() % 3600 != 0) {
      throw new IllegalArgumentException("daily windows need a whole-hour UTC offset, was " + zone);
    }
    this.offsetMillis = zone.getTotalSeconds() * 1000L;
  }

  /** Start (UTC) of the local day containing {@code time}. */
  public static long localDayStart(long time, long offsetMillis) {
    return Math.floorDiv(time + offsetMillis, DAY) * DAY - offsetMillis;
  }

  /** The daily cell of an hourly aggregate: its point-level key and local day. */
  public static String cell(FlowAggregate hourly, ZoneOffset zone) {
    long day = localDayStart(hourly.getWindowStart().toEpochMilli(), zone.getTotalSeconds() * 1000L);
    return String.join("|", hourly.getPointCode(), hourly.getDirection().name(), hourly.getNationality(),
        String.valueOf(hourly.getSourceKind()), String.valueOf(hourly.getRoute()), String.valueOf(day));
  }

  @Override
  protected long windowEndOf(FlowAggregate member) {
    return localDayStart(member.getWindowStart().toEpochMilli(), offsetMillis) + DAY;
  }

  @Override
  protected String memberId(FlowAggregate member) {
    return String.valueOf(member.getWindowStart().toEpochMilli());
  }

  @Override
  protected void publish(List<FlowAggregate> members, int revision, Collector<FlowAggregate> out) {
    long dayStart = localDayStart(members.get(0).getWindowStart().toEpochMilli(), offsetMillis);
    FlowAggregate day = Aggregates.emptyLike(members.get(0));
    day.setGranularity(WindowGranularity.DAILY);
    day.setWindowStart(Instant.ofEpochMilli(dayStart));
    day.setWindowEnd(Instant.ofEpochMilli(dayStart + DAY));
    day.setRevision(revision);
    members.forEach(member -> Aggregates.add(day, member));
    out.collect(day);
  }
}
