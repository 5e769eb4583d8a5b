package org.flowwatch.jobs.flowaggregation.model;

import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.SourceKind;

/**
 * One Kafka record as read: where it came from, its original bytes, and either the decoded record or why it did not
 * decode. Never leaves the operator chain after the source except as a rejected record, so the bytes cost no network.
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
  /** Why the value did not decode (a RejectReason name), or null. */
  public String decodeFailure;
  public String decodeMessage;

  public InputRecord() {}

  public boolean decoded() {
    return decodeFailure == null;
  }

  /** Event time of a decoded record; Long.MIN_VALUE (never advances a watermark) for one that did not decode. */
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
