package org.flowwatch.jobs.flowaggregation;

import java.time.ZoneOffset;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.jobs.flowaggregation.functions.DailyFromHourly;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.functions.ScreenRecords;
import org.flowwatch.jobs.flowaggregation.functions.PublishChanges;
import org.flowwatch.jobs.flowaggregation.functions.ReleaseInWindowOrder;
import org.flowwatch.jobs.flowaggregation.functions.RollUpAggregates;
import org.flowwatch.jobs.flowaggregation.functions.RoundCounts;
import org.flowwatch.jobs.flowaggregation.functions.SuppressSmallCells;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.privacy.DisclosureRule;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.jobs.flowaggregation.sources.EventTimeAssigner;
import org.flowwatch.jobs.flowaggregation.sources.ReferenceWatermarks;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;

/**
 * Flow aggregation: FMR observations and border crossings from Kafka are decoded, checked against the rules and
 * reduced to compact records in their sources' chains (rejects go to their own topic), then cross the network once,
 * keyed by (source kind, point, hour), to one step that joins the points' reference data, drops resends and counts
 * the hourly windows per (point, direction, nationality, source kind, route) ({@link HourlyPointFlows}). Daily windows,
 * route roll-ups and the published view
 * (small cells suppressed, every count rounded) derive from those windows. Results go to Elasticsearch and to a transactional Kafka topic.
 * The topology takes its sources and sinks as arguments ({@link FlowAggregationIo}); {@link #main} wires the real ones.
 */
public final class FlowAggregationJob {
  public static final String NAME = "flowwatch flow aggregation";
  private static final TypeInformation<InputRecord> INPUT = TypeInformation.of(InputRecord.class);
  private static final TypeInformation<FlowAggregate> AGGREGATE = new AvroTypeInfo<>(FlowAggregate.class);

  private FlowAggregationJob() {}

  public static void main(String[] args) throws Exception {
    JobEnvironment.run(NAME, args, FlowAggregationOptions.ALL, FlowAggregationSettings::from,
        (env, settings) -> defineTopology(env, settings, FlowAggregationConnectors.real(settings)));
  }

  /** Job-wide settings, shared by every flowwatch job ({@link JobEnvironment}). */
  public static Configuration environmentConfiguration() {
    return JobEnvironment.configuration();
  }

  public static void configure(StreamExecutionEnvironment env, FlowAggregationSettings settings) {
    JobEnvironment.configure(env, settings.parallelism(), settings.checkpoints());
  }

  public static void defineTopology(StreamExecutionEnvironment env, FlowAggregationSettings settings,
      FlowAggregationIo io) {
    WatermarkStrategy<InputRecord> watermarks = WatermarkStrategy
        .<InputRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner(new EventTimeAssigner())
        .withIdleness(settings.idleness());
    DataStream<InputRecord> observations = env.fromSource(io.observations(), watermarks, "flow observations")
        .uid("flow-observations-source");
    DataStream<InputRecord> crossings = env.fromSource(io.crossings(), watermarks, "checkpoint crossings")
        .uid("checkpoint-crossings-source");
    DataStream<MonitoringPoint> reference = env
        .fromSource(io.monitoringPoints(), ReferenceWatermarks.strategy(), "monitoring points")
        .uid("monitoring-points-source");
    reference.sinkTo(io.pointsIndex()).name("elasticsearch: monitoring points").uid("elasticsearch-monitoring-points");
    BroadcastStream<MonitoringPoint> points = reference.broadcast(HourlyPointFlows.POINTS);

    SingleOutputStreamOperator<InputRecord> screenedObservations = observations
        .process(new ScreenRecords(settings.recordRules(), PointRegistry.bundled()), INPUT)
        .name("screen observations").uid("screen-observations");
    SingleOutputStreamOperator<InputRecord> screenedCrossings = crossings
        .process(new ScreenRecords(settings.recordRules(), PointRegistry.bundled()), INPUT)
        .name("screen crossings").uid("screen-crossings");

    // The one exchange of per-record data: everything downstream of the hourly step carries aggregates only.
    SingleOutputStreamOperator<FlowAggregate> hourly = screenedObservations.union(screenedCrossings)
        .keyBy(HourBucket::of, TypeInformation.of(HourBucket.class))
        .connect(points)
        .process(new HourlyPointFlows(settings.recordRules(), PointRegistry.bundled()), AGGREGATE)
        .name("hourly point flows").uid("hourly-point-flows");
    DataStream<RejectedRecord> rejected = screenedObservations.getSideOutput(ScreenRecords.REJECTED)
        .union(screenedCrossings.getSideOutput(ScreenRecords.REJECTED), hourly.getSideOutput(HourlyPointFlows.REJECTED));
    rejected.sinkTo(io.rejectedTopic()).name("kafka: rejected records").uid("kafka-rejected-records");
    rejected.sinkTo(io.rejectedIndex()).name("elasticsearch: rejected records").uid("elasticsearch-rejected-records");
    hourly.getSideOutput(HourlyPointFlows.DUPLICATES)
        .sinkTo(io.duplicatesIndex()).name("elasticsearch: duplicates").uid("elasticsearch-duplicates");

    long lateness = settings.allowedLateness().toMillis();
    ZoneOffset zone = settings.timeZone();
    DataStream<FlowAggregate> daily = hourly
        .keyBy(aggregate -> DailyFromHourly.cell(aggregate, zone), Types.STRING)
        .process(new DailyFromHourly(zone, lateness), AGGREGATE).name("daily flows").uid("daily-flows");
    DataStream<FlowAggregate> pointLevel = hourly.union(daily);

    DataStream<FlowAggregate> rollUps = rollUps(pointLevel, lateness);
    DataStream<FlowAggregate> internal = pointLevel.union(rollUps);
    internal.sinkTo(io.internalIndex()).name("elasticsearch: flows").uid("elasticsearch-flows");
    // One writer in window order: the topic's consumers take their event-time clock from it.
    internal.keyBy(ReleaseInWindowOrder.ONE_KEY, Types.BYTE)
        .process(new ReleaseInWindowOrder(), AGGREGATE).name("aggregates in window order")
        .uid("aggregates-in-window-order").setParallelism(1)
        .sinkTo(io.aggregatesTopic()).name("kafka: flow aggregates").uid("kafka-flow-aggregates").setParallelism(1);
    published(pointLevel, rollUps, settings.disclosureRule(), lateness)
        .sinkTo(io.publishedIndex()).name("elasticsearch: published flows").uid("elasticsearch-published-flows");
  }

  /** Route roll-ups (route; route x nationality) of the point-level hourly and daily aggregates. */
  static DataStream<FlowAggregate> rollUps(DataStream<FlowAggregate> pointLevel, long lateness) {
    return pointLevel
        .flatMap(new RollUpAggregates.ToRollUpCells(), AGGREGATE).name("route roll-up cells").uid("route-roll-up-cells")
        .keyBy(RollUpAggregates::cell, Types.STRING)
        .process(new RollUpAggregates(lateness), AGGREGATE).name("route roll-ups").uid("route-roll-ups");
  }

  /**
   * The published view: point-level cells with small nationalities grouped as OTHER, and route totals; every count
   * of both follows the one {@link DisclosureRule} (docs/privacy/disclosure-control.md).
   */
  static DataStream<FlowAggregate> published(DataStream<FlowAggregate> pointLevel, DataStream<FlowAggregate> rollUps,
      DisclosureRule rule, long lateness) {
    DataStream<FlowAggregate> pointCells = pointLevel
        .keyBy(SuppressSmallCells::cell, Types.STRING)
        .process(new SuppressSmallCells(rule, lateness), AGGREGATE)
        .name("suppress small cells").uid("suppress-small-cells");
    DataStream<FlowAggregate> routeTotals = rollUps.filter(aggregate -> aggregate.getLevel() == AggregateLevel.ROUTE)
        .name("route totals").uid("published-route-totals");
    return pointCells.union(routeTotals)
        .map(new RoundCounts(rule), AGGREGATE).name("round published counts").uid("round-published-counts")
        .keyBy(FlowAggregateDocuments::documentId, Types.STRING)
        .process(new PublishChanges(lateness), AGGREGATE).name("publish changes").uid("publish-changes");
  }
}
