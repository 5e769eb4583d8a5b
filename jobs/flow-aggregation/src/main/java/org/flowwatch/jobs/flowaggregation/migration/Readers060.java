package org.flowwatch.jobs.flowaggregation.migration;

import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.functions.WindowReaderFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.Movement;

/** Read the keyed state of the 0.6.0 layout ({@link Layout060}) as {@link BucketEntry}s. */
final class Readers060 {
  private Readers060() {}

  /** Each key of drop-duplicates: its copies and its one timer, as an id of the record's bucket. */
  static final class Ids extends KeyedStateReaderFunction<String, BucketEntry> {
    private static final long serialVersionUID = 1L;
    private final Duration allowedLateness;
    private transient ValueState<Integer> copies;

    Ids(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
      copies = getRuntimeContext().getState(Layout060.COPIES);
    }

    @Override
    public void readKey(String dedupKey, Context context, Collector<BucketEntry> out) throws Exception {
      Integer seen = copies.value();
      if (seen == null) {
        return; // a key with a timer but no copies: forgotten already
      }
      out.collect(BucketEntry.id(dedupKey, seen, context.registeredEventTimeTimers(), allowedLateness));
    }
  }

  /** Each window of hourly-flows: its totals, its revision state and the key's timers, as a cell of its bucket. */
  static final class Cells extends WindowReaderFunction<FlowCounts, BucketEntry, FlowKey, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private final Duration allowedLateness;

    Cells(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
    }

    @Override
    public void readWindow(FlowKey key, Context<TimeWindow> context, Iterable<FlowCounts> totals,
        Collector<BucketEntry> out) throws Exception {
      Integer revision = context.windowState().getState(Layout060.REVISION).value();
      for (FlowCounts counts : totals) {
        out.collect(BucketEntry.cell(key, context.window(), counts, revision, context.registeredEventTimeTimers(),
            allowedLateness));
      }
    }
  }

  /**
   * The incremental aggregate of hourly-flows (0.6.0's FlowCountsAggregate): the reader needs it to name the type of
   * the window contents, an aggregating state of {@link FlowCounts}; only {@link #getResult} is called.
   */
  static final class WindowTotals implements AggregateFunction<Movement, FlowCounts, FlowCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public FlowCounts createAccumulator() {
      return new FlowCounts();
    }

    @Override
    public FlowCounts add(Movement movement, FlowCounts counts) {
      return counts.add(movement);
    }

    @Override
    public FlowCounts getResult(FlowCounts counts) {
      return counts;
    }

    @Override
    public FlowCounts merge(FlowCounts a, FlowCounts b) {
      return a.merge(b);
    }
  }
}
