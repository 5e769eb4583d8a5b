package org.flowwatch.jobs.flowaggregation.model;

import org.flowwatch.schema.SourceKind;

/**
 * A record recognised as a resend of an id already counted: where it ends up instead of the windows. A POJO for
 * Flink.
 *
 * @see org.flowwatch.jobs.flowaggregation.functions.DropDuplicates
 */
public final class DuplicateRecord {
  public SourceKind sourceKind;
  /** The record's identity: see {@link ValidRecord#dedupKey}. */
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
}
