package org.flowwatch.jobs.flowaggregation.functions;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.jobs.flowaggregation.validation.Rejection;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;

/**
 * The first decision on every input record, in its source's chain (no network in between): a record rejected where it
 * was read (undecodable, unknown schema, a content or clock rule) or too late for its hourly window goes to
 * {@link #REJECTED} with its reason, Kafka coordinates and original bytes (for the rejected-records topic only, whose
 * retention is bounded; never the record id, personal data for a border registration). A record that passes loses
 * its coordinates and bytes before it crosses the network, unless its point is missing from the bundled registry: only
 * the reference stream, joined after the exchange ({@link HourlyPointFlows}), can then tell whether it is known.
 *
 * <p>Lateness is judged against this source's own watermark. It is never lower than the watermark of the keyed step
 * downstream (the minimum over all inputs), so a record passed here is never too late there.
 */
public final class ScreenRecords extends ProcessFunction<InputRecord, InputRecord> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected-records",
      new AvroTypeInfo<>(RejectedRecord.class));
  public static final String RECORDS_IN_METRIC = "recordsIn";
  public static final String REJECTED_METRIC = "recordsRejected";

  private final RecordRules rules;
  private final PointRegistry bundled;
  private transient SourceCounters recordsIn;
  private transient Map<RejectReason, SourceCounters> rejectedByReason;
  private transient volatile long eventTimeLagMillis;

  public ScreenRecords(RecordRules rules, PointRegistry bundled) {
    this.rules = rules;
    this.bundled = bundled;
  }

  @Override
  public void open(OpenContext context) {
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    recordsIn = new SourceCounters(metrics, RECORDS_IN_METRIC);
    rejectedByReason = rejectedCounters(metrics);
    metrics.gauge("eventTimeLagMs", () -> eventTimeLagMillis);
  }

  static Map<RejectReason, SourceCounters> rejectedCounters(MetricGroup metrics) {
    Map<RejectReason, SourceCounters> counters = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      counters.put(reason, new SourceCounters(metrics.addGroup("reason", reason.name()), REJECTED_METRIC));
    }
    return counters;
  }

  @Override
  public void processElement(InputRecord input, Context context, Collector<InputRecord> out) {
    recordsIn.inc(input.kind);
    long watermark = context.timerService().currentWatermark();
    if (watermark > Long.MIN_VALUE) {
      eventTimeLagMillis = context.timerService().currentProcessingTime() - watermark;
    }
    Rejection rejection = input.rejected() ? new Rejection(input.rejectReason, input.rejectMessage)
        : rules.lateness(input.eventTimeMillis, watermark);
    if (rejection != null) {
      rejectedByReason.get(rejection.reason()).inc(input.kind);
      context.output(REJECTED, rejected(input, rejection, context.timerService().currentProcessingTime()));
      return;
    }
    if (bundled.point(input.pointCode) != null) {
      input.forgetOrigin();
    }
    out.collect(input);
  }

  static RejectedRecord rejected(InputRecord input, Rejection rejection, long now) {
    return RejectedRecord.newBuilder()
        .setReason(rejection.reason())
        .setMessage(rejection.message())
        .setSourceTopic(input.topic)
        .setSourcePartition(input.partition)
        .setSourceOffset(input.offset)
        .setRejectedAt(Instant.ofEpochMilli(now))
        .setOriginalBytes(ByteBuffer.wrap(input.value == null ? new byte[0] : input.value))
        .build();
  }
}
