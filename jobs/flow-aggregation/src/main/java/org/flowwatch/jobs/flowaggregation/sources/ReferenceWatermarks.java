package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.flowwatch.schema.MonitoringPoint;

/**
 * Reference data has no event time and must never drive the event-time clock. Its stream emits no watermark and
 * declares itself idle for good: an operator connecting it to the movements then takes its watermark from the
 * movements alone, and when those are idle too the operator is idle and its windows wait. (Declaring the end of time
 * instead, the usual trick, hands the operator a watermark of Long.MAX_VALUE as soon as the movement inputs go idle,
 * and every later record would be too late.)
 */
public final class ReferenceWatermarks implements WatermarkGenerator<MonitoringPoint> {
  public static WatermarkStrategy<MonitoringPoint> strategy() {
    return WatermarkStrategy.forGenerator(context -> new ReferenceWatermarks());
  }

  @Override
  public void onEvent(MonitoringPoint point, long timestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.markIdle();
  }
}
