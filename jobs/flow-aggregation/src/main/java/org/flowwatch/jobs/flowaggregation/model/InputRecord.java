package org.flowwatch.jobs.flowaggregation.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;

/**
 * One Kafka record as read, reduced to what the counts need: its identity, event time, point, direction and one group
 * of counts per nationality, with enum values as ordinals and nationalities packed in an int ({@link Nationalities}).
 * Where it came from and its original bytes are kept only while the record may still be rejected: the screening step
 * in the source's chain drops them from a record it passes, unless its point is unknown to the bundled registry and
 * only the reference stream, after the exchange, can tell. A record rejected where it was read (it did not decode, or
 * failed a content or clock rule) carries its reason and no event time, so it never moves the watermark. On the wire
 * it takes {@link InputRecordSerializer}'s compact format.
 */
@TypeInfo(InputRecordTypeInfo.Factory.class)
public final class InputRecord {
  /** Count fields of one group, in this order, in {@link #counts}. */
  public static final int MEN = 0, WOMEN = 1, BOYS = 2, GIRLS = 3, UNSPECIFIED = 4, CHILDREN_UNDER_5 = 5, ELDERLY = 6,
      WITH_DISABILITY = 7, PREGNANT_WOMEN = 8, UNACCOMPANIED_CHILDREN = 9, GROUP_FIELDS = 10;

  public SourceKind kind;
  public String pointCode;
  public String recordId;
  /** Long.MIN_VALUE for a record rejected where it was read. */
  public long eventTimeMillis = Long.MIN_VALUE;
  /** {@link org.flowwatch.schema.Direction} ordinal. */
  public byte direction;
  /** {@link org.flowwatch.schema.TransportMode} ordinal. */
  public byte transportMode;
  /** Observations only: the route the record names, and the far ends that decide a route it does not name. */
  public String declaredRoute;
  public String originCountry;
  public String destinationCountry;
  /** One packed nationality per group ({@link Nationalities#pack}). */
  public int[] nationalities;
  /** {@link #GROUP_FIELDS} counts per group. */
  public int[] counts;

  /** Why the record cannot be counted, decided where it was read; null when it passed. */
  public RejectReason rejectReason;
  public String rejectMessage;
  /** Where the record came from and its bytes: only while it may still be rejected. */
  public String topic;
  public int partition;
  public long offset;
  public byte[] value;

  public InputRecord() {}

  public boolean rejected() {
    return rejectReason != null;
  }

  /** Event time for the watermark: Long.MIN_VALUE (never advances a watermark) for a record rejected where read. */
  public long watermarkTimestamp() {
    return rejected() ? Long.MIN_VALUE : eventTimeMillis;
  }

  public int groups() {
    return nationalities == null ? 0 : nationalities.length;
  }

  /** Travellers of group {@code group}. */
  public long travellers(int group) {
    int base = group * GROUP_FIELDS;
    return (long) counts[base + MEN] + counts[base + WOMEN] + counts[base + BOYS] + counts[base + GIRLS]
        + counts[base + UNSPECIFIED];
  }

  /** Drops where the record came from and its bytes, once it can no longer be rejected. */
  public void forgetOrigin() {
    topic = null;
    partition = 0;
    offset = 0;
    value = null;
  }
}
