package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;

/**
 * Peer (c), key {@code flink-sql}: flowwatch's flow aggregation hot path as a Flink SQL query ({@link FlinkSqlQuery}),
 * on a local MiniCluster like the other Flink contenders, with the same parallelism and exactly-once checkpoints at the
 * same interval (timeout and tolerable failures as the job's).
 *
 * <p>The same as flowwatch: the same bounded Kafka input read from its start (read_committed); each value decoded with
 * flowwatch's {@code AvroCodec}; event time from the crossing time with a bounded-out-of-orderness watermark of the
 * job's {@code watermark.out-of-orderness} (default 5 min) and its idleness; each (checkpoint, id) counted once
 * ({@code ROW_NUMBER() ... ORDER BY crossed_at = 1}, which the planner runs as "deduplicate keep first row on rowtime",
 * insert-only, so the window TVF accepts it); hourly UTC windows per (checkpoint, direction, nationality) with
 * travellers, the men/women/boys/girls/unspecified split, children under five, elderly and record count; the result
 * written as the FlowAggregate record flowwatch writes, keyed by its document id, to a Kafka topic of this run with
 * exactly-once delivery (transactions committed on checkpoints, transactional ids prefixed with the run name).
 *
 * <p>How the value is decoded: the Kafka table reads it with the format {@code flowwatch-crossing}
 * ({@link CrossingFormatFactory}), written in Java on flowwatch's AvroCodec, since Flink's 'avro' format cannot read
 * the 10-byte single-object header. Format 'raw' with a decoding scalar function was tried first: the event time must
 * then be a computed column calling the function, and the plan calls it in the source (the watermark expression is
 * pushed there) and again in the projection after it, two decodes per record, a cost of our making, not of SQL's.
 *
 * <p>What it does not do, so the comparison stays honest: no validation (flowwatch checks every field, the clock and
 * lateness and writes rejects to a topic and an index; here an undecodable value fails the job), no reference data (no
 * route, region or coordinates; flowwatch also keys windows by route), no duplicates index, no late updates (flowwatch
 * keeps each window for 3 days of allowed lateness and re-emits revisions; a window TVF emits once when the watermark
 * passes the window's end and drops later records), no daily windows, no route roll-ups, no published view (small
 * cells suppressed, counts rounded), and no Elasticsearch: no Elasticsearch SQL connector is released for Flink 2.2
 * (the newest release, 4.0.0-2.0, is built for Flink 2.0; the connector's main branch targets 2.2.1 but is not
 * released), so Kafka is the only sink, where flowwatch writes its aggregates to Elasticsearch (internal and published
 * indices) and to Kafka. Deduplication state is forgotten after the hour plus the allowed lateness of processing time
 * (table.exec.state.ttl), where flowwatch forgets on event time; over the bench's day of input neither forgets an
 * id before the input ends.
 */
final class FlinkSqlPeer implements Contender {
  private final BenchRun run;

  FlinkSqlPeer(BenchRun run) {
    this.run = run;
  }

  @Override
  public String key() {
    return "flink-sql";
  }

  @Override
  public String description() {
    return "Flink SQL: Kafka table, ROW_NUMBER dedup, hourly TUMBLE windows, transactional Kafka sink, "
        + "checkpoints every " + run.checkpointInterval();
  }

  /** The query of a run named {@code runName} over {@code topic}. */
  static FlinkSqlQuery query(BenchRun run, FlowAggregationSettings settings, String topic, String runName) {
    Map<String, String> kafka = new TreeMap<>();
    run.kafka().clientProperties().forEach((key, value) -> kafka.put(key.toString(), value.toString()));
    return new FlinkSqlQuery(topic, outputTopic(runName), kafka, runName, runName, settings.outOfOrderness(),
        ExactlyOnceKafkaSinks.TRANSACTION_TIMEOUT);
  }

  static String outputTopic(String runName) {
    return "flowwatch." + runName + ".aggregates";
  }

  /**
   * The table environment of the peer on {@code env}, with its functions: UTC windows, the job's source idleness, and
   * deduplication state forgotten after {@code forgetAfter}.
   */
  static StreamTableEnvironment tables(StreamExecutionEnvironment env, Duration idleness, Duration forgetAfter) {
    StreamTableEnvironment tables = StreamTableEnvironment.create(env);
    Configuration config = new Configuration();
    config.set(PipelineOptions.NAME, "bench: flink-sql peer");
    // The planner names its operators itself (flowwatch's jobs forbid generated ids to keep savepoints restorable).
    config.set(ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION, ExecutionConfigOptions.UidGeneration.ALWAYS);
    // Window starts and ends as UTC hours, like flowwatch's hourly windows.
    config.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
    config.set(ExecutionConfigOptions.TABLE_EXEC_SOURCE_IDLE_TIMEOUT, idleness);
    // Forget a (checkpoint, id) after its hour and the allowed lateness (flowwatch: on event time; here: wall clock).
    config.set(ExecutionConfigOptions.IDLE_STATE_RETENTION, forgetAfter);
    tables.getConfig().addConfiguration(config);
    tables.createTemporarySystemFunction(FlowAggregateFunctions.KEY, FlowAggregateFunctions.Key.class);
    tables.createTemporarySystemFunction(FlowAggregateFunctions.VALUE, FlowAggregateFunctions.Value.class);
    return tables;
  }

  @Override
  public long run(String topic, long events, String runName) throws Exception {
    FlowAggregationSettings settings = run.flowAggregation(topic, runName, new Configuration());
    FlinkSqlQuery query = query(run, settings, topic, runName);
    List<TopicSpec> outputs = List.of(TopicSpec.of(query.outputTopic(), 2));
    KafkaTopics.createIfMissing(run.kafka(), outputs);
    java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("flowwatch-bench-checkpoints");
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.localCluster(checkpoints));
      JobEnvironment.configure(env, run.parallelism(), settings.checkpoints());
      StreamTableEnvironment tables = tables(env, settings.idleness(),
          settings.allowedLateness().plusMillis(PeerAggregates.HOUR_MILLIS));
      List<String> statements = query.statements();
      for (String definition : statements.subList(0, statements.size() - 1)) {
        tables.executeSql(definition);
      }
      TableResult result = tables.executeSql(statements.get(statements.size() - 1));
      JobExecutionResult done = result.getJobClient().orElseThrow().getJobExecutionResult().get();
      return done.getNetRuntime();
    } finally {
      LocalFlowAggregation.deleteDirectory(checkpoints);
      KafkaTopics.deleteIfPresent(run.kafka(), outputs.stream().map(TopicSpec::name).toList());
    }
  }
}
