package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;

/**
 * Event time of an input record for the watermark. A record timed implausibly far in the future (a device clock set
 * to 2100) is rejected downstream; here it must not advance the watermark either, or every later record of its
 * partition would be too late. Such records, and undecodable ones, get no event time.
 */
public final class EventTimeAssigner implements SerializableTimestampAssigner<InputRecord> {
  private static final long serialVersionUID = 1L;

  private final long maxFutureMillis;

  public EventTimeAssigner(long maxFutureMillis) {
    this.maxFutureMillis = maxFutureMillis;
  }

  @Override
  public long extractTimestamp(InputRecord record, long previous) {
    long eventTime = record.eventTimeMillis();
    return eventTime > System.currentTimeMillis() + maxFutureMillis ? Long.MIN_VALUE : eventTime;
  }
}
