package org.flowwatch.jobs.flowaggregation.functions;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.ValidRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.jobs.flowaggregation.validation.Rejection;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/**
 * Every input record ends here in one of two places: a {@link ValidRecord} (decoded, passing {@link RecordRules}, in
 * time for its window, at a known point, enriched with the point's region, location and route) or a
 * {@link RejectedRecord} on the side output, with its reason, its Kafka coordinates and its original bytes (for the
 * rejected-records topic only, whose retention is bounded; no record id, which is personal data for a border
 * registration). Content and clock rules were applied where the record was read ({@code InputRecordDeserializer});
 * lateness and the point are decided here. Monitoring points come from the broadcast reference
 * stream; the bundled registry answers for points the stream has not (yet) sent.
 */
public final class ValidateAndEnrich extends BroadcastProcessFunction<InputRecord, MonitoringPoint, ValidRecord> {
  private static final long serialVersionUID = 1L;

  public static final MapStateDescriptor<String, MonitoringPoint> POINTS = new MapStateDescriptor<>(
      "monitoring-points", Types.STRING, new AvroTypeInfo<>(MonitoringPoint.class));
  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-records",
      new AvroTypeInfo<>(RejectedRecord.class));
  public static final String RECORDS_IN_METRIC = "recordsIn";
  public static final String REJECTED_METRIC = "recordsRejected";

  private final RecordRules rules;
  private final PointRegistry defaults;
  private transient SourceCounters recordsIn;
  private transient Map<RejectReason, SourceCounters> rejectedByReason;
  private transient volatile long eventTimeLagMillis;

  public ValidateAndEnrich(RecordRules rules, PointRegistry defaults) {
    this.rules = rules;
    this.defaults = defaults;
  }

  @Override
  public void open(OpenContext context) {
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    recordsIn = new SourceCounters(metrics, RECORDS_IN_METRIC);
    rejectedByReason = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejectedByReason.put(reason, new SourceCounters(metrics.addGroup("reason", reason.name()), REJECTED_METRIC));
    }
    metrics.gauge("eventTimeLagMs", () -> eventTimeLagMillis);
  }

  @Override
  public void processElement(InputRecord input, ReadOnlyContext context, Collector<ValidRecord> out) throws Exception {
    recordsIn.inc(input.kind);
    long now = context.currentProcessingTime();
    long watermark = context.currentWatermark();
    if (watermark > Long.MIN_VALUE) {
      eventTimeLagMillis = now - watermark;
    }
    if (input.rejected()) {
      reject(context, input, new Rejection(input.rejectReason, input.rejectMessage));
      return;
    }
    Rejection late = rules.lateness(input.eventTimeMillis(), watermark);
    if (late != null) {
      reject(context, input, late);
      return;
    }
    String code = input.pointCode();
    MonitoringPoint point = context.getBroadcastState(POINTS).get(code);
    if (point == null) {
      point = defaults.point(code);
    }
    if (point == null) {
      reject(context, input, new Rejection(RejectReason.UNKNOWN_POINT, "point '" + code
          + "' is neither in the reference topic nor in the bundled registry"));
      return;
    }
    out.collect(input.observation != null ? valid(input.observation, point) : valid(input.crossing, point));
  }

  @Override
  public void processBroadcastElement(MonitoringPoint point, Context context, Collector<ValidRecord> out) throws Exception {
    context.getBroadcastState(POINTS).put(point.getCode(), point);
  }

  private void reject(ReadOnlyContext context, InputRecord input, Rejection rejection) {
    rejectedByReason.get(rejection.reason()).inc(input.kind);
    context.output(REJECTED, RejectedRecord.newBuilder()
        .setReason(rejection.reason())
        .setMessage(rejection.message())
        .setSourceTopic(input.topic)
        .setSourcePartition(input.partition)
        .setSourceOffset(input.offset)
        .setRejectedAt(Instant.ofEpochMilli(context.currentProcessingTime()))
        .setOriginalBytes(java.nio.ByteBuffer.wrap(input.value == null ? new byte[0] : input.value))
        .build());
  }

  private ValidRecord valid(FlowObservation observation, MonitoringPoint point) {
    ValidRecord record = new ValidRecord();
    record.sourceKind = SourceKind.FLOW_MONITORING;
    record.dedupKey = ValidRecord.dedupKey(SourceKind.FLOW_MONITORING, point.getCode(), observation.getId());
    record.eventTimeMillis = observation.getObservedAt().toEpochMilli();
    String route = defaults.resolveRoute(point, observation.getRoute(), observation.getOrigin().getCountry(),
        observation.getDestination().getCountry());
    for (TravellerGroup group : observation.getTravellers()) {
      Movement movement = movement(SourceKind.FLOW_MONITORING, point, route, record.eventTimeMillis);
      movement.direction = observation.getDirection().name();
      movement.nationality = group.getNationality();
      movement.transportMode = observation.getTransportMode().name();
      movement.men = group.getMen();
      movement.women = group.getWomen();
      movement.boys = group.getBoys();
      movement.girls = group.getGirls();
      movement.unspecified = group.getUnspecified();
      Vulnerabilities vulnerabilities = group.getVulnerabilities();
      movement.childrenUnder5 = vulnerabilities.getChildrenUnder5();
      movement.elderly = vulnerabilities.getElderly();
      movement.withDisability = vulnerabilities.getWithDisability();
      movement.pregnantWomen = vulnerabilities.getPregnantWomen();
      movement.unaccompaniedChildren = vulnerabilities.getUnaccompaniedChildren();
      record.movements.add(movement);
    }
    return record;
  }

  private ValidRecord valid(CheckpointCrossing crossing, MonitoringPoint point) {
    ValidRecord record = new ValidRecord();
    record.sourceKind = SourceKind.BORDER_CROSSING;
    record.dedupKey = ValidRecord.dedupKey(SourceKind.BORDER_CROSSING, point.getCode(), crossing.getId());
    record.eventTimeMillis = crossing.getCrossedAt().toEpochMilli();
    Movement movement = movement(SourceKind.BORDER_CROSSING, point, defaults.resolveRoute(point, null, null, null),
        record.eventTimeMillis);
    movement.direction = (crossing.getDirection() == CrossingDirection.ENTRY ? Direction.INCOMING : Direction.OUTGOING).name();
    movement.nationality = crossing.getNationality();
    movement.transportMode = "OTHER";
    boolean child = crossing.getAgeBand() == AgeBand.UNDER_5 || crossing.getAgeBand() == AgeBand.AGE_5_17;
    boolean ageKnown = crossing.getAgeBand() != AgeBand.UNKNOWN;
    if (!ageKnown || crossing.getSex() == Sex.UNKNOWN) {
      movement.unspecified = 1;
    } else if (crossing.getSex() == Sex.MALE) {
      if (child) movement.boys = 1; else movement.men = 1;
    } else {
      if (child) movement.girls = 1; else movement.women = 1;
    }
    movement.childrenUnder5 = crossing.getAgeBand() == AgeBand.UNDER_5 ? 1 : 0;
    movement.elderly = crossing.getAgeBand() == AgeBand.AGE_60_PLUS ? 1 : 0;
    record.movements.add(movement);
    return record;
  }

  private static Movement movement(SourceKind kind, MonitoringPoint point, String route, long eventTime) {
    Movement movement = new Movement();
    movement.sourceKind = kind.name();
    movement.pointCode = point.getCode();
    movement.route = route;
    movement.adminRegion = point.getAdminRegion();
    movement.latitude = point.getLatitude();
    movement.longitude = point.getLongitude();
    movement.eventTimeMillis = eventTime;
    return movement;
  }
}
