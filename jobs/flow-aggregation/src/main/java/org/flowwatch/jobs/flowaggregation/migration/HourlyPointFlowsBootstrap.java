package org.flowwatch.jobs.flowaggregation.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.Path;
import org.apache.flink.state.api.SavepointWriterOperatorFactory;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.output.operators.KeyedStateBootstrapOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.HourlyCell;
import org.flowwatch.jobs.flowaggregation.model.RecordIds;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.MonitoringPoint;

/**
 * Writes the state of hourly-point-flows ({@link HourlyPointFlows}, a keyed broadcast operator) from
 * {@link BucketEntry}s keyed by their {@link HourBucket}: keyed map states "ids" and "cells" and the bucket's
 * event-time timers, plus the operator's broadcast state "monitoring-points". The State Processor API writes keyed
 * state or broadcast state for an operator, not both, so {@link #operator} extends its keyed bootstrap operator to
 * also fill the broadcast state, in every subtask: on restore each new subtask takes the broadcast state of one saved
 * subtask.
 */
public final class HourlyPointFlowsBootstrap {
  /** As {@link HourlyPointFlows} declares it: record id (its {@link RecordIds#fingerprint}) to copies seen. */
  static final MapStateDescriptor<Long, Integer> IDS = new MapStateDescriptor<>("ids", Types.LONG, Types.INT);
  /** As {@link HourlyPointFlows} declares it: the bucket's cells by {@link HourlyCell#key}. */
  static final MapStateDescriptor<String, HourlyCell> CELLS = new MapStateDescriptor<>("cells", Types.STRING,
      TypeInformation.of(HourlyCell.class));

  private HourlyPointFlowsBootstrap() {}

  /** The operator writing {@code points} into the broadcast state and the entries into keyed state and timers. */
  static SavepointWriterOperatorFactory operator(long checkpointId, Map<String, MonitoringPoint> points,
      RecordRules rules) {
    Map<String, MonitoringPoint> copy = new LinkedHashMap<>(points);
    return (timestamp, path) -> SimpleOperatorFactory.of(new WithBroadcastState(checkpointId, timestamp, path,
        new Buckets(rules), copy));
  }

  /**
   * Puts each entry into its bucket's "ids" or "cells" and registers the bucket's timers as {@link HourlyPointFlows}
   * would have: the forget timer ({@link RecordRules#forgetAt} of the hour) always, the close timer (the hour's last
   * millisecond) when a cell still awaits its hour's close.
   */
  static final class Buckets extends KeyedStateBootstrapFunction<HourBucket, BucketEntry> {
    private static final long serialVersionUID = 1L;
    private final RecordRules rules;
    private transient MapState<Long, Integer> ids;
    private transient MapState<String, HourlyCell> cells;

    Buckets(RecordRules rules) {
      this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
      ids = getRuntimeContext().getMapState(IDS);
      cells = getRuntimeContext().getMapState(CELLS);
    }

    @Override
    public void processElement(BucketEntry entry, Context context) throws Exception {
      HourBucket bucket = context.getCurrentKey();
      if (entry.isId()) {
        // Two ids of a bucket with one fingerprint (some 1e-8 a year): the job would have taken the second for a
        // resend of the first, so their copies add up.
        Integer copies = ids.get(entry.recordFingerprint);
        ids.put(entry.recordFingerprint, copies == null ? entry.copies : copies + entry.copies);
      } else {
        if (cells.contains(entry.cellKey)) {
          throw new IllegalStateException("bucket " + bucket + " got cell " + entry.cellKey + " twice");
        }
        cells.put(entry.cellKey, entry.cell);
        if (entry.awaitsClose) {
          context.timerService().registerEventTimeTimer(bucket.maxTimestamp());
        }
      }
      context.timerService().registerEventTimeTimer(rules.forgetAt(bucket.startMillis()));
    }
  }

  /** The keyed bootstrap operator, with the monitoring points in its broadcast state as well. */
  static final class WithBroadcastState extends KeyedStateBootstrapOperator<HourBucket, BucketEntry> {
    private static final long serialVersionUID = 1L;
    private final Map<String, MonitoringPoint> points;

    WithBroadcastState(long checkpointId, long timestamp, Path savepointPath, Buckets function,
        Map<String, MonitoringPoint> points) {
      super(checkpointId, timestamp, savepointPath, function);
      this.points = points;
    }

    @Override
    public void open() throws Exception {
      super.open();
      BroadcastState<String, MonitoringPoint> state = getOperatorStateBackend().getBroadcastState(
          HourlyPointFlows.POINTS);
      for (Map.Entry<String, MonitoringPoint> point : points.entrySet()) {
        state.put(point.getKey(), point.getValue());
      }
    }
  }
}
