package org.flowwatch.jobs.flowaggregation.functions;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;

/**
 * Turns a point-level window's totals into a {@link FlowAggregate}. Each firing of the same window (the on-time one,
 * then one per late update within the allowed lateness) gets the next revision, so consumers can tell the newest.
 */
public final class EmitFlowAggregate extends ProcessWindowFunction<FlowCounts, FlowAggregate, FlowKey, TimeWindow> {
  private static final long serialVersionUID = 1L;
  public static final String LATE_UPDATES_METRIC = "lateUpdates";
  private static final ValueStateDescriptor<Integer> REVISION = new ValueStateDescriptor<>("revision", Types.INT);

  private final WindowGranularity granularity;
  private transient Counter lateUpdates;

  public EmitFlowAggregate(WindowGranularity granularity) {
    this.granularity = granularity;
  }

  @Override
  public void open(OpenContext context) {
    lateUpdates = getRuntimeContext().getMetricGroup().counter(LATE_UPDATES_METRIC);
  }

  @Override
  public void process(FlowKey key, Context context, Iterable<FlowCounts> totals, Collector<FlowAggregate> out)
      throws Exception {
    ValueState<Integer> revisionState = context.windowState().getState(REVISION);
    int revision = revisionState.value() == null ? 1 : revisionState.value() + 1;
    revisionState.update(revision);
    if (revision > 1 && lateUpdates != null) {
      lateUpdates.inc();
    }
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
        .setLevel(AggregateLevel.POINT)
        .setPointCode(key.pointCode)
        .setDirection(Direction.valueOf(key.direction))
        .setNationality(key.nationality)
        .setSourceKind(SourceKind.valueOf(key.sourceKind))
        .setRoute(key.route)
        .setAdminRegion(counts.adminRegion)
        .setLatitude(counts.adminRegion == null ? null : counts.latitude)
        .setLongitude(counts.adminRegion == null ? null : counts.longitude)
        .setTravellers(counts.travellers())
        .setMen(counts.men)
        .setWomen(counts.women)
        .setBoys(counts.boys)
        .setGirls(counts.girls)
        .setUnspecified(counts.unspecified)
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
