package org.flowwatch.jobs.flowaggregation.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.FlowAggregate;

/**
 * Derives views from pre-aggregated windows (roll-ups, the published view) rather than from raw movements. Keyed by
 * the derived cell (its key and window); it keeps the latest revision of every member aggregate of the cell, publishes
 * once when the watermark passes the window (all on-time members have arrived by then), again on every late revision,
 * and forgets the cell when the allowed lateness has passed.
 */
abstract class LatestPerMember extends KeyedProcessFunction<String, FlowAggregate, FlowAggregate> {
  private static final long serialVersionUID = 1L;

  private final long allowedLatenessMillis;
  private transient MapState<String, FlowAggregate> members;
  private transient ValueState<Long> windowMaxTimestamp;
  private transient ValueState<Integer> revision;

  LatestPerMember(long allowedLatenessMillis) {
    this.allowedLatenessMillis = allowedLatenessMillis;
  }

  /** Identifies a member aggregate within its cell. */
  protected abstract String memberId(FlowAggregate member);

  /** End of the derived cell's window; by default the member's own (roll-ups and published views share it). */
  protected long windowEndOf(FlowAggregate member) {
    return member.getWindowEnd().toEpochMilli();
  }

  /** Emits the derived aggregates of a cell from the latest revision of each member. */
  protected abstract void publish(List<FlowAggregate> members, int revision, Collector<FlowAggregate> out);

  @Override
  public void open(OpenContext context) {
    members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.STRING,
        new AvroTypeInfo<>(FlowAggregate.class)));
    windowMaxTimestamp = getRuntimeContext().getState(new ValueStateDescriptor<>("window-max-timestamp", Types.LONG));
    revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", Types.INT));
  }

  @Override
  public void processElement(FlowAggregate member, Context context, Collector<FlowAggregate> out) throws Exception {
    members.put(memberId(member), member);
    long maxTimestamp = windowEndOf(member) - 1;
    boolean late = context.timerService().currentWatermark() >= maxTimestamp;
    if (windowMaxTimestamp.value() == null) {
      windowMaxTimestamp.update(maxTimestamp);
      if (!late) {
        // A cell first seen late is published below, at once; a timer in the past would publish it a second time.
        context.timerService().registerEventTimeTimer(maxTimestamp);
      }
      context.timerService().registerEventTimeTimer(maxTimestamp + allowedLatenessMillis + 1);
    }
    if (late) {
      publish(out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FlowAggregate> out) throws Exception {
    Long maxTimestamp = windowMaxTimestamp.value();
    if (maxTimestamp != null && timestamp == maxTimestamp) {
      publish(out);
    } else {
      members.clear();
      windowMaxTimestamp.clear();
      revision.clear();
    }
  }

  private void publish(Collector<FlowAggregate> out) throws Exception {
    int next = revision.value() == null ? 1 : revision.value() + 1;
    revision.update(next);
    List<FlowAggregate> latest = new ArrayList<>();
    members.values().forEach(latest::add);
    publish(latest, next, out);
  }
}
