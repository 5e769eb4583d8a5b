package org.flowwatch.jobs.surgedetection.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;

/**
 * Hourly aggregates become series updates; daily aggregates are skipped because the detector builds its days from
 * the hours (so the daily evaluation and the hourly nowcast read the same numbers).
 */
public final class ToSeriesUpdates implements FlatMapFunction<FlowAggregate, SeriesUpdate> {
  private static final long HOUR = 3_600_000L;

  @Override
  public void flatMap(FlowAggregate aggregate, Collector<SeriesUpdate> out) {
    if (aggregate.getGranularity() != WindowGranularity.HOURLY) {
      return;
    }
    SeriesKey series = SeriesKey.of(aggregate);
    if (series != null) {
      out.collect(new SeriesUpdate(series, SeriesKey.member(aggregate),
          Math.floorDiv(aggregate.getWindowStart().toEpochMilli(), HOUR), aggregate.getTravellers()));
    }
  }
}
