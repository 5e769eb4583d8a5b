package org.flowwatch.jobs.flowaggregation.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.FlowAggregate;

/**
 * Puts the aggregates topic in window order: an aggregate of a window the event-time clock has not passed yet is held,
 * and a window's aggregates are released, in the order they came, once the watermark passes its end. The watermark
 * here is the slowest of every upstream subtask's, and Flink fires an operator's timers before it passes a watermark
 * on, so by then every on-time aggregate of the window is in hand: point cells, daily sums and route roll-ups alike.
 * Updates of a window already released (late records, a cell first seen late) go out at once.
 *
 * <p>Why: the topic's consumers (the surge detection job) take their event-time clock from the aggregates. Unordered,
 * the point cells of hour h+k reached the topic before the route roll-ups of hour h during a catch-up (the roll-ups
 * are two exchanges further), the consumer's clock passed hour h, and it judged route series on windows with hours
 * still missing: false collapse alerts, resolved once the missing hours came in.
 *
 * <p>Keyed by one constant key and run in one subtask, so the topic has one writer, whose order each partition keeps.
 */
public final class ReleaseInWindowOrder extends KeyedProcessFunction<Byte, FlowAggregate, FlowAggregate> {
  private static final long serialVersionUID = 1L;
  /** The one key: every aggregate goes through the same subtask. */
  public static final KeySelector<FlowAggregate, Byte> ONE_KEY = aggregate -> (byte) 0;
  public static final String HELD_METRIC = "aggregatesHeldForWindowOrder";

  /** Held aggregates by the end of their window, in the order they came. */
  private transient MapState<Long, List<FlowAggregate>> held;
  private transient Counter heldCount;

  @Override
  public void open(OpenContext context) {
    held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held-by-window-end", Types.LONG,
        new ListTypeInfo<>(new AvroTypeInfo<>(FlowAggregate.class))));
    heldCount = getRuntimeContext().getMetricGroup().counter(HELD_METRIC);
  }

  @Override
  public void processElement(FlowAggregate aggregate, Context context, Collector<FlowAggregate> out) throws Exception {
    long windowEnd = aggregate.getWindowEnd().toEpochMilli();
    if (windowEnd - 1 <= context.timerService().currentWatermark()) {
      out.collect(aggregate);
      return;
    }
    List<FlowAggregate> window = held.get(windowEnd);
    if (window == null) {
      window = new ArrayList<>();
      context.timerService().registerEventTimeTimer(windowEnd - 1);
    }
    window.add(aggregate);
    held.put(windowEnd, window);
    heldCount.inc();
  }

  /** Fires at a window's last instant: its aggregates go out in the order they came. */
  @Override
  public void onTimer(long lastInstant, OnTimerContext context, Collector<FlowAggregate> out) throws Exception {
    long windowEnd = lastInstant + 1;
    List<FlowAggregate> window = held.get(windowEnd);
    if (window != null) {
      window.forEach(out::collect);
      held.remove(windowEnd);
    }
  }
}
