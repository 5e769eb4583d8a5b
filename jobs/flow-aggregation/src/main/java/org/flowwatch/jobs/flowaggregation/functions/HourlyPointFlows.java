package org.flowwatch.jobs.flowaggregation.functions;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.HourlyCell;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.Nationalities;
import org.flowwatch.jobs.flowaggregation.model.RecordIds;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.jobs.flowaggregation.validation.Rejection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.WindowGranularity;

/**
 * The hot path's one keyed step, keyed by {@link HourBucket} (source kind, point, hour): it joins the point's reference
 * data, drops resends, and counts the hourly window of every (direction, nationality, route) cell of the bucket.
 *
 * <ul>
 *   <li><b>Reference data</b>: monitoring points arrive on a broadcast stream; the bundled registry answers for points
 *       the stream has not (yet) sent. A record whose point neither knows goes to {@link #REJECTED} as UNKNOWN_POINT
 *       (it still carries its bytes: {@link ScreenRecords} keeps them for such points).
 *   <li><b>Deduplication per registry</b>: the bucket's ids (ids are unique per source kind and point), as 64-bit
 *       fingerprints ({@link RecordIds}), with the copies seen; a resend goes to {@link #DUPLICATES} with its number.
 *   <li><b>Hourly windows</b> with the semantics of an event-time tumbling window with allowed lateness: every cell
 *       fires (revision 1) when the watermark reaches the hour's last millisecond, a cell updated later fires again
 *       at once with the next revision, and the bucket (ids and cells) is forgotten when the watermark passes the
 *       hour plus the allowed lateness, exactly when {@link RecordRules#tooLate} starts rejecting its records
 *       upstream, so no resend can slip through after its id is gone.
 * </ul>
 *
 * One event-time timer per bucket for its close and one for its end, not one per id.
 */
public final class HourlyPointFlows
    extends KeyedBroadcastProcessFunction<HourBucket, InputRecord, MonitoringPoint, FlowAggregate> {
  private static final long serialVersionUID = 1L;

  public static final MapStateDescriptor<String, MonitoringPoint> POINTS = new MapStateDescriptor<>(
      "monitoring-points", Types.STRING, new AvroTypeInfo<>(MonitoringPoint.class));
  public static final OutputTag<RejectedRecord> REJECTED = ScreenRecords.REJECTED;
  /** Resends, for the data-quality index. */
  public static final OutputTag<DuplicateRecord> DUPLICATES = new OutputTag<>("duplicates",
      TypeInformation.of(DuplicateRecord.class));
  public static final String AGGREGATED_METRIC = "recordsAggregated";
  public static final String DUPLICATES_METRIC = "duplicateRecords";
  public static final String LATE_UPDATES_METRIC = "lateUpdates";

  private static final SourceKind[] KINDS = SourceKind.values();
  private static final Direction[] DIRECTIONS = Direction.values();
  private static final TransportMode[] MODES = TransportMode.values();

  private final RecordRules rules;
  private final PointRegistry defaults;
  /** Record id ({@link RecordIds#fingerprint}) to copies seen, for the bucket's records. */
  private transient MapState<Long, Integer> ids;
  /** The bucket's cells by {@link HourlyCell#key}. */
  private transient MapState<String, HourlyCell> cells;
  private transient SourceCounters aggregated;
  private transient SourceCounters duplicates;
  private transient SourceCounters unknownPoints;
  private transient Counter lateUpdates;

  public HourlyPointFlows(RecordRules rules, PointRegistry defaults) {
    this.rules = rules;
    this.defaults = defaults;
  }

  @Override
  public void open(OpenContext context) {
    ids = getRuntimeContext().getMapState(new MapStateDescriptor<>("ids", Types.LONG, Types.INT));
    cells = getRuntimeContext().getMapState(new MapStateDescriptor<>("cells", Types.STRING,
        TypeInformation.of(HourlyCell.class)));
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    aggregated = new SourceCounters(metrics, AGGREGATED_METRIC);
    duplicates = new SourceCounters(metrics, DUPLICATES_METRIC);
    unknownPoints = ScreenRecords.rejectedCounters(metrics).get(RejectReason.UNKNOWN_POINT);
    lateUpdates = metrics.counter(LATE_UPDATES_METRIC);
  }

  @Override
  public void processElement(InputRecord record, ReadOnlyContext context, Collector<FlowAggregate> out)
      throws Exception {
    MonitoringPoint point = context.getBroadcastState(POINTS).get(record.pointCode);
    if (point == null) {
      point = defaults.point(record.pointCode);
    }
    if (point == null) {
      unknownPoints.inc(record.kind);
      context.output(REJECTED, ScreenRecords.rejected(record, new Rejection(RejectReason.UNKNOWN_POINT, "point '"
          + record.pointCode + "' is neither in the reference topic nor in the bundled registry"),
          context.currentProcessingTime()));
      return;
    }
    long id = RecordIds.fingerprint(record.recordId);
    Integer seen = ids.get(id);
    if (seen != null) {
      duplicates.inc(record.kind);
      ids.put(id, seen + 1);
      context.output(DUPLICATES, new DuplicateRecord(record.kind,
          DuplicateRecord.dedupKey(record.kind, record.pointCode, record.recordId), record.eventTimeMillis, seen));
      return;
    }
    ids.put(id, 1);
    aggregated.inc(record.kind);
    HourBucket bucket = context.getCurrentKey();
    boolean closed = context.timerService().currentWatermark() >= bucket.maxTimestamp();
    String route = defaults.resolveRoute(point, record.declaredRoute, record.originCountry, record.destinationCountry);
    for (int group = 0; group < record.groups(); group++) {
      String key = HourlyCell.key(record.direction, record.nationalities[group], route);
      HourlyCell cell = cells.get(key);
      boolean created = cell == null;
      if (created) {
        cell = new HourlyCell(record.direction, record.nationalities[group], route);
        context.timerService().registerEventTimeTimer(rules.forgetAt(record.eventTimeMillis));
      }
      cell.counts.add(movement(record, group, point));
      if (closed) {
        // A late update of a closed window: the cell fires again at once, as a window with allowed lateness does.
        if (cell.revision > 0) {
          lateUpdates.inc();
        }
        emit(bucket, cell, out);
      } else if (created || !cell.pending) {
        // An open hour, or one whose close this operator has not seen since a restore (the watermark starts over):
        // the cell fires when the watermark reaches the hour's end. Timers are deduplicated per key and time.
        cell.pending = true;
        context.timerService().registerEventTimeTimer(bucket.maxTimestamp());
      }
      cells.put(key, cell);
    }
  }

  @Override
  public void processBroadcastElement(MonitoringPoint point, Context context, Collector<FlowAggregate> out)
      throws Exception {
    context.getBroadcastState(POINTS).put(point.getCode(), point);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FlowAggregate> out) throws Exception {
    HourBucket bucket = context.getCurrentKey();
    if (timestamp == bucket.maxTimestamp()) {
      for (Map.Entry<String, HourlyCell> entry : cells.entries()) {
        HourlyCell cell = entry.getValue();
        if (cell.pending) {
          emit(bucket, cell, out);
          entry.setValue(cell);
        }
      }
    }
    if (timestamp == rules.forgetAt(bucket.startMillis())) {
      ids.clear();
      cells.clear();
    }
  }

  private static void emit(HourBucket bucket, HourlyCell cell, Collector<FlowAggregate> out) {
    cell.revision++;
    cell.pending = false;
    FlowKey key = new FlowKey(bucket.pointCode, DIRECTIONS[cell.direction].name(),
        Nationalities.unpack(cell.nationality), KINDS[bucket.sourceKind].name(), cell.route);
    out.collect(Aggregates.pointLevel(WindowGranularity.HOURLY, key,
        new TimeWindow(bucket.startMillis(), bucket.endMillis()), cell.counts, cell.revision));
  }

  /** Group {@code group} of the record as the movement the counts add (never leaves this operator). */
  private static Movement movement(InputRecord record, int group, MonitoringPoint point) {
    int base = group * InputRecord.GROUP_FIELDS;
    int[] counts = record.counts;
    Movement movement = new Movement();
    movement.adminRegion = point.getAdminRegion();
    movement.latitude = point.getLatitude();
    movement.longitude = point.getLongitude();
    movement.transportMode = MODES[record.transportMode].name();
    movement.men = counts[base + InputRecord.MEN];
    movement.women = counts[base + InputRecord.WOMEN];
    movement.boys = counts[base + InputRecord.BOYS];
    movement.girls = counts[base + InputRecord.GIRLS];
    movement.unspecified = counts[base + InputRecord.UNSPECIFIED];
    movement.childrenUnder5 = counts[base + InputRecord.CHILDREN_UNDER_5];
    movement.elderly = counts[base + InputRecord.ELDERLY];
    movement.withDisability = counts[base + InputRecord.WITH_DISABILITY];
    movement.pregnantWomen = counts[base + InputRecord.PREGNANT_WOMEN];
    movement.unaccompaniedChildren = counts[base + InputRecord.UNACCOMPANIED_CHILDREN];
    return movement;
  }
}
