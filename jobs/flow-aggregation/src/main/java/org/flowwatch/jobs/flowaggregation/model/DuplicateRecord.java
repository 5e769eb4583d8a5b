package org.flowwatch.jobs.flowaggregation.model;

import org.flowwatch.schema.SourceKind;

/**
 * A record recognised as a resend of an id already counted: where it ends up instead of the windows. A POJO for
 * Flink.
 *
 * @see org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows
 */
public final class DuplicateRecord {
  public SourceKind sourceKind;
  /** The record's identity: see {@link #dedupKey}. */
  public String dedupKey;
  public long eventTimeMillis;
  /** 1 for the first resend of the id, 2 for the second... */
  public int resend;

  public DuplicateRecord() {}

  public DuplicateRecord(SourceKind sourceKind, String dedupKey, long eventTimeMillis, int resend) {
    this.sourceKind = sourceKind;
    this.dedupKey = dedupKey;
    this.eventTimeMillis = eventTimeMillis;
    this.resend = resend;
  }

  /**
   * The identity of a record for deduplication. Ids are unique per registry or border-post system, not globally (the
   * schemas say so): the same id from two points, or in the two streams, names two different records. The point
   * code is length-prefixed so that no code and id can run into another pair's.
   */
  public static String dedupKey(SourceKind kind, String pointCode, String recordId) {
    return kind.name() + ':' + pointCode.length() + ':' + pointCode + ':' + recordId;
  }
}
