package org.flowwatch.jobs.flowaggregation.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.ValidRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;

/**
 * Counts a record id once: resends are normal in the field; each resend goes to the {@link #DUPLICATES} side output
 * (and so to the data-quality index) with its number. Keyed by the record's identity ({@link ValidRecord#dedupKey}: source kind, point and id,
 * since ids are unique per registry only). The state of an id is
 * kept until the watermark passes the record's window end plus the allowed lateness (an event-time timer), exactly
 * when a resend would be rejected as too late upstream: no resend can slip through after the state is gone, and a
 * replay of years of history is deduplicated as well as live data.
 */
public final class DropDuplicates extends KeyedProcessFunction<String, ValidRecord, Movement> {
  private static final long serialVersionUID = 1L;
  public static final String DUPLICATES_METRIC = "duplicateRecords";
  public static final String AGGREGATED_METRIC = "recordsAggregated";

  /** Resends, for the data-quality index. */
  public static final OutputTag<DuplicateRecord> DUPLICATES = new OutputTag<>("duplicates",
      TypeInformation.of(DuplicateRecord.class));

  private final RecordRules rules;
  /** Copies of the id seen so far. */
  private transient ValueState<Integer> copies;
  private transient SourceCounters duplicates;
  private transient SourceCounters aggregated;

  public DropDuplicates(RecordRules rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext context) {
    copies = getRuntimeContext().getState(new ValueStateDescriptor<>("copies", Types.INT));
    duplicates = new SourceCounters(getRuntimeContext().getMetricGroup(), DUPLICATES_METRIC);
    aggregated = new SourceCounters(getRuntimeContext().getMetricGroup(), AGGREGATED_METRIC);
  }

  @Override
  public void processElement(ValidRecord record, Context context, Collector<Movement> out) throws Exception {
    Integer seen = copies.value();
    if (seen != null) {
      duplicates.inc(record.sourceKind);
      copies.update(seen + 1);
      context.output(DUPLICATES, new DuplicateRecord(record.sourceKind, record.dedupKey, record.eventTimeMillis, seen));
      return;
    }
    copies.update(1);
    context.timerService().registerEventTimeTimer(rules.forgetAt(record.eventTimeMillis));
    aggregated.inc(record.sourceKind);
    record.movements.forEach(out::collect);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Movement> out) {
    copies.clear();
  }
}
