package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.flowwatch.schema.MonitoringPoint;

/**
 * Reference data has no event time. Its stream declares the end of time so that, connected to the movements, it never
 * holds back their watermark (the combined watermark of a two-input operator is the smaller of the two).
 */
public final class ReferenceWatermarks implements WatermarkGenerator<MonitoringPoint> {
  public static WatermarkStrategy<MonitoringPoint> strategy() {
    return WatermarkStrategy.forGenerator(context -> new ReferenceWatermarks());
  }

  @Override
  public void onEvent(MonitoringPoint point, long timestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(Long.MAX_VALUE));
  }
}
