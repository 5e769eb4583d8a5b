package org.flowwatch.jobs.surgedetection;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.surgedetection.functions.DetectAnomalies;
import org.flowwatch.jobs.surgedetection.functions.SeriesUpdate;
import org.flowwatch.jobs.surgedetection.functions.ToSeriesUpdates;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SurgeAlert;

/**
 * Surge detection: the flow aggregation job's hourly aggregates become series (per route and direction, per route,
 * nationality and direction, per point and direction); each closed hour evaluates the trailing 24 hours against the
 * same 24 hours of past days (the daily evaluation at the local day's end, the nowcast at every other hour) for
 * surges and collapses, silence is checked in processing time, and alert episodes go to a transactional Kafka topic
 * and an Elasticsearch index. The topology takes its source and sinks as arguments; {@link #main} wires the real ones.
 */
public final class SurgeDetectionJob {
  public static final String NAME = "flowwatch surge detection";
  private static final TypeInformation<SurgeAlert> ALERT = new AvroTypeInfo<>(SurgeAlert.class);

  private SurgeDetectionJob() {}

  public static void main(String[] args) throws Exception {
    JobEnvironment.run(NAME, args, SurgeDetectionOptions.ALL, SurgeDetectionSettings::from,
        (env, settings) -> defineTopology(env, settings, SurgeDetectionConnectors.real(settings)));
  }

  /** Job-wide settings, shared by every flowwatch job ({@link JobEnvironment}). */
  public static Configuration environmentConfiguration() {
    return JobEnvironment.configuration();
  }

  public static void configure(StreamExecutionEnvironment env, SurgeDetectionSettings settings) {
    JobEnvironment.configure(env, settings.parallelism(), settings.checkpoints());
  }

  /** Event time of an aggregate: the last instant of its window, so an hour's aggregates close that hour. */
  public static WatermarkStrategy<FlowAggregate> watermarks(SurgeDetectionSettings settings) {
    return WatermarkStrategy.<FlowAggregate>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((aggregate, previous) -> aggregate.getWindowEnd().toEpochMilli() - 1)
        .withIdleness(settings.idleness());
  }

  public static DataStream<SurgeAlert> defineTopology(StreamExecutionEnvironment env, SurgeDetectionSettings settings,
      SurgeDetectionIo io) {
    DataStream<SurgeAlert> alerts = env.fromSource(io.aggregates(), watermarks(settings), "flow aggregates")
        .uid("flow-aggregates-source")
        .flatMap(new ToSeriesUpdates(), TypeInformation.of(SeriesUpdate.class)).name("to series").uid("to-series")
        .keyBy(update -> update.series.id(), Types.STRING)
        .process(new DetectAnomalies(settings.monitorSettings()), ALERT).name("detect anomalies")
        .uid("detect-anomalies");
    alerts.sinkTo(io.alertsTopic()).name("kafka: alerts").uid("kafka-alerts");
    alerts.sinkTo(io.alertsIndex()).name("elasticsearch: alerts").uid("elasticsearch-alerts");
    return alerts;
  }
}
