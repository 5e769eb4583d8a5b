package org.flowwatch.jobs.flowaggregation.model;

import java.util.Objects;

/**
 * Key of the hot path's one keyed step: the records of one source kind at one point in one UTC hour. Every record of a
 * bucket meets its resends there (ids are unique per registry, and a resend repeats the record's time) and every cell
 * of its hourly window. Plain values, never enums: an enum's hashCode differs between JVMs.
 */
public final class HourBucket {
  private static final long HOUR = 3_600_000L;

  /** {@link org.flowwatch.schema.SourceKind} ordinal. */
  public int sourceKind;
  public String pointCode;
  /** Hours since the epoch. */
  public long hour;

  public HourBucket() {}

  public HourBucket(int sourceKind, String pointCode, long hour) {
    this.sourceKind = sourceKind;
    this.pointCode = pointCode;
    this.hour = hour;
  }

  public static HourBucket of(InputRecord record) {
    return new HourBucket(record.kind.ordinal(), record.pointCode, Math.floorDiv(record.eventTimeMillis, HOUR));
  }

  public long startMillis() {
    return hour * HOUR;
  }

  public long endMillis() {
    return startMillis() + HOUR;
  }

  /** The last millisecond of the hour: the window closes when the watermark reaches it. */
  public long maxTimestamp() {
    return endMillis() - 1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HourBucket bucket && sourceKind == bucket.sourceKind && hour == bucket.hour
        && Objects.equals(pointCode, bucket.pointCode);
  }

  @Override
  public int hashCode() {
    return (31 * (31 * sourceKind + Objects.hashCode(pointCode))) + Long.hashCode(hour);
  }

  @Override
  public String toString() {
    return sourceKind + "/" + pointCode + "/" + hour;
  }
}
