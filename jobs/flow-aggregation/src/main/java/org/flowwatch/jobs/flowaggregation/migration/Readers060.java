package org.flowwatch.jobs.flowaggregation.migration;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.functions.WindowReaderFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.Movement;

/**
 * Read the keyed state of the 0.6.0 layout ({@link Layout060}) as {@link BucketEntry}s. State that does not fit the
 * layout or the allowed lateness is not written but counted, with the first reason, as {@link Refusals}: the migration
 * then fails with that reason (a failing task would not carry its message reliably to the job's result).
 */
final class Readers060 {
  static final String REFUSED = "refused";
  static final String FIRST_REFUSAL = "first-refusal";

  private Readers060() {}

  /** Counts the entries refused by one reader, and keeps the first reason. */
  static final class Refusals implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LongCounter count = new LongCounter();
    private final ListAccumulator<String> first = new ListAccumulator<>();

    /** In the reader's open, which runs once per split it reads (the same instance): registers once. */
    void register(RuntimeContext context, String reader) {
      if (context.getAccumulator(REFUSED + "-" + reader) == null) {
        context.addAccumulator(REFUSED + "-" + reader, count);
        context.addAccumulator(FIRST_REFUSAL + "-" + reader, first);
      }
    }

    void refuse(IllegalArgumentException reason) {
      if (count.getLocalValue() == 0) {
        first.add(reason.getMessage());
      }
      count.add(1);
    }
  }

  /** Each key of drop-duplicates: its copies and its one timer, as an id of the record's bucket. */
  static final class Ids extends KeyedStateReaderFunction<String, BucketEntry> {
    private static final long serialVersionUID = 1L;
    private final Duration allowedLateness;
    private final Refusals refusals = new Refusals();
    private transient ValueState<Integer> copies;

    Ids(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
      copies = getRuntimeContext().getState(Layout060.COPIES);
      refusals.register(getRuntimeContext(), "ids");
    }

    @Override
    public void readKey(String dedupKey, Context context, Collector<BucketEntry> out) throws Exception {
      Integer seen = copies.value();
      if (seen == null) {
        return; // no copies: nothing to carry over
      }
      try {
        out.collect(BucketEntry.id(dedupKey, seen, context.registeredEventTimeTimers(), allowedLateness));
      } catch (IllegalArgumentException e) {
        refusals.refuse(e);
      }
    }
  }

  /** Each window of hourly-flows: its totals, its revision state and the key's timers, as a cell of its bucket. */
  static final class Cells extends WindowReaderFunction<FlowCounts, BucketEntry, FlowKey, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private final Duration allowedLateness;
    private final Refusals refusals = new Refusals();

    Cells(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
      refusals.register(getRuntimeContext(), "cells");
    }

    @Override
    public void readWindow(FlowKey key, Context<TimeWindow> context, Iterable<FlowCounts> totals,
        Collector<BucketEntry> out) throws Exception {
      Integer revision = context.windowState().getState(Layout060.REVISION).value();
      for (FlowCounts counts : totals) {
        try {
          out.collect(BucketEntry.cell(key, context.window(), counts, revision, context.registeredEventTimeTimers(),
              allowedLateness));
        } catch (IllegalArgumentException e) {
          refusals.refuse(e);
        }
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
