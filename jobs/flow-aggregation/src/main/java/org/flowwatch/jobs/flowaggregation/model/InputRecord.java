package org.flowwatch.jobs.flowaggregation.model;

import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;

/**
 * One Kafka record as read: where it came from, its original bytes, the decoded record, and why it cannot be counted
 * when that is known where it is read (it did not decode, or failed a content or clock rule). A record rejected there
 * has no event time, so it never moves the watermark.
 */
public final class InputRecord {
  public SourceKind kind;
  public String topic;
  public int partition;
  public long offset;
  public byte[] value;
  /** Set when {@link #kind} is FLOW_MONITORING and the value decoded. */
  public FlowObservation observation;
  /** Set when {@link #kind} is BORDER_CROSSING and the value decoded. */
  public CheckpointCrossing crossing;
  /** Why the record cannot be counted, decided where it was read; null when it passed. */
  public RejectReason rejectReason;
  public String rejectMessage;

  public InputRecord() {}

  public boolean rejected() {
    return rejectReason != null;
  }

  /** Event time for the watermark: Long.MIN_VALUE (never advances a watermark) for a record rejected where read. */
  public long watermarkTimestamp() {
    return rejected() ? Long.MIN_VALUE : eventTimeMillis();
  }

  /** Event time of a decoded record, Long.MIN_VALUE for one that did not decode. */
  public long eventTimeMillis() {
    if (observation != null) {
      return observation.getObservedAt().toEpochMilli();
    }
    if (crossing != null) {
      return crossing.getCrossedAt().toEpochMilli();
    }
    return Long.MIN_VALUE;
  }

  public String pointCode() {
    return observation != null ? observation.getPointCode() : crossing != null ? crossing.getCheckpointCode() : null;
  }
}
