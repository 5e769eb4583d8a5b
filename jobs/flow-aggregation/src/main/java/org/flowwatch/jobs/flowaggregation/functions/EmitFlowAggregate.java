package org.flowwatch.jobs.flowaggregation.functions;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;

/**
 * Turns a window's totals into a {@link FlowAggregate}. Each firing of the same window (the on-time one, then one per
 * late update within the allowed lateness) gets the next revision, so consumers can tell the newest.
 */
public final class EmitFlowAggregate extends ProcessWindowFunction<FlowCounts, FlowAggregate, FlowKey, TimeWindow> {
  private static final long serialVersionUID = 1L;
  private static final ValueStateDescriptor<Integer> REVISION = new ValueStateDescriptor<>("revision", Types.INT);

  private final WindowGranularity granularity;

  public EmitFlowAggregate(WindowGranularity granularity) {
    this.granularity = granularity;
  }

  @Override
  public void process(FlowKey key, Context context, Iterable<FlowCounts> totals, Collector<FlowAggregate> out)
      throws Exception {
    ValueState<Integer> revisionState = context.windowState().getState(REVISION);
    int revision = revisionState.value() == null ? 1 : revisionState.value() + 1;
    revisionState.update(revision);
    out.collect(aggregate(granularity, key, context.window(), totals.iterator().next(), revision));
  }

  @Override
  public void clear(Context context) {
    context.windowState().getState(REVISION).clear();
  }

  static FlowAggregate aggregate(WindowGranularity granularity, FlowKey key, TimeWindow window, FlowCounts counts,
      int revision) {
    Map<String, Long> modes = new TreeMap<>(counts.transportModes);
    return FlowAggregate.newBuilder()
        .setGranularity(granularity)
        .setWindowStart(Instant.ofEpochMilli(window.getStart()))
        .setWindowEnd(Instant.ofEpochMilli(window.getEnd()))
        .setPointCode(key.pointCode)
        .setDirection(Direction.valueOf(key.direction))
        .setNationality(key.nationality)
        .setTravellers(counts.travellers())
        .setMen(counts.men)
        .setWomen(counts.women)
        .setBoys(counts.boys)
        .setGirls(counts.girls)
        .setChildrenUnder5(counts.childrenUnder5)
        .setElderly(counts.elderly)
        .setWithDisability(counts.withDisability)
        .setPregnantWomen(counts.pregnantWomen)
        .setUnaccompaniedChildren(counts.unaccompaniedChildren)
        .setTransportModes(modes)
        .setObservations(counts.observations)
        .setRevision(revision)
        .build();
  }
}
