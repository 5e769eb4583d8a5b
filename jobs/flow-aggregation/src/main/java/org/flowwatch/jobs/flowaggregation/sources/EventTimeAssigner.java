package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;

/**
 * Event time of an input record for the watermark. A record already rejected where it was read (it did not decode,
 * or failed a content or clock rule, such as a device clock set to 2100) gets none, so it can never advance the
 * watermark and make every later record of its partition too late. The decision is the one the deserializer made, not
 * a second reading of the clock, so a record can never be counted with a timestamp it was refused.
 */
public final class EventTimeAssigner implements SerializableTimestampAssigner<InputRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(InputRecord record, long previous) {
    return record.watermarkTimestamp();
  }
}
