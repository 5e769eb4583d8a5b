package org.flowwatch.jobs.flowaggregation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.flowaggregation.migration.StateMigration060;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.JobSettings;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.StateDirectory;
import org.flowwatch.testing.savepoints.SavepointRun;
import org.flowwatch.testing.savepoints.SavepointScenario;

/** The flow aggregation job in the savepoint history: {@link SavepointCorpus} on topics whose names never change. */
final class FlowAggregationSavepoints implements SavepointScenario {
  static final SavepointCorpus CORPUS = new SavepointCorpus();
  private static final String TOPICS = "flowwatch.savepoints.flow-aggregation.";
  /**
   * Releases whose savepoint has the hot path of 0.6.0 (validate-and-enrich, drop-duplicates, hourly-flows): the
   * current code restores them through {@link StateMigration060}, as an upgrade from them does.
   */
  static final Set<String> BEFORE_HOURLY_POINT_FLOWS = Set.of("0.6.0");
  /** Each such release's savepoint migrated once per test run (restores do not change it), for every parallelism. */
  private static final Map<String, Path> MIGRATED = new ConcurrentHashMap<>();

  @Override
  public String job() {
    return "flow-aggregation";
  }

  /** The job's settings in {@code run}: the fixed topics; group, transactional ids and indices of the run. */
  static FlowAggregationSettings settings(SavepointRun run) {
    return FlowAggregationSettings.from(JobSettings.of(
        FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        FlowAggregationOptions.OBSERVATIONS_TOPIC, TOPICS + "observations",
        FlowAggregationOptions.CROSSINGS_TOPIC, TOPICS + "crossings",
        FlowAggregationOptions.REFERENCE_TOPIC, TOPICS + "points",
        FlowAggregationOptions.AGGREGATES_TOPIC, TOPICS + "aggregates",
        FlowAggregationOptions.REJECTED_TOPIC, TOPICS + "rejected",
        FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX, run.id(),
        FlowAggregationOptions.GROUP_ID, run.id(),
        FlowAggregationOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        FlowAggregationOptions.INDEX_PREFIX, "flowwatch-flows-" + run.id(),
        FlowAggregationOptions.REJECTED_INDEX, "flowwatch-rejected-" + run.id(),
        FlowAggregationOptions.DUPLICATES_INDEX, "flowwatch-duplicates-" + run.id(),
        FlowAggregationOptions.POINTS_INDEX, "flowwatch-points-" + run.id(),
        // Only the end of the run (a drain) may close the last hours: a partition idle for a minute on a slow machine
        // must not move event time on while the first half is still being read elsewhere.
        FlowAggregationOptions.IDLENESS, "1 h",
        FlowAggregationOptions.CHECKPOINT_INTERVAL, "500 ms",
        FlowAggregationOptions.PARALLELISM, String.valueOf(run.parallelism())));
  }

  /**
   * The savepoint of {@code release} the current code restores: the history's own, or for a release before
   * hourly-point-flows the one {@link StateMigration060} makes of it (with the settings the job ran with), in a
   * directory of this test run.
   */
  static Path restorable(String release, Path saved) throws Exception {
    if (!BEFORE_HOURLY_POINT_FLOWS.contains(release)) {
      return saved;
    }
    Path migrated = MIGRATED.get(release);
    if (migrated == null) {
      Path target = StateDirectory.create("migrated-" + release).resolve("savepoint");
      System.out.println(StateMigration060.migrate(saved, target, settings(new SavepointRun("migration", 2)), 2));
      MIGRATED.put(release, target);
      migrated = target;
    }
    return migrated;
  }

  /** Removes the migrated savepoints of this test run. */
  static void deleteMigrated() {
    MIGRATED.values().forEach(savepoint -> StateDirectory.delete(savepoint.getParent()));
    MIGRATED.clear();
  }

  @Override
  public void recreateTopics() {
    List<KafkaTopics.TopicSpec> topics = FlowAggregationConnectors.topics(settings(new SavepointRun("topics", 1)));
    KafkaTopics.deleteIfPresent(KafkaConnection.plaintext(RealKafka.bootstrapServers()), topics.stream().map(KafkaTopics.TopicSpec::name).toList());
    KafkaTopics.createIfMissing(KafkaConnection.plaintext(RealKafka.bootstrapServers()), topics);
  }

  @Override
  public void writeFirstHalf() throws Exception {
    AvroCodec<MonitoringPoint> points = AvroCodec.of(MonitoringPoint.class);
    KafkaTestTopics.produceKeyed(RealKafka.bootstrapServers(), TOPICS + "points", MonitoringPoints.niger().stream()
        .<Map.Entry<String, byte[]>>map(point -> Map.entry(point.getCode(), points.encode(point))).toList());
    write(CORPUS.first);
  }

  @Override
  public void writeSecondHalf() throws Exception {
    write(CORPUS.second);
  }

  private static void write(SavepointCorpus.Half half) throws Exception {
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "observations", half.observations);
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "crossings", half.crossings);
  }

  @Override
  public void define(StreamExecutionEnvironment env, SavepointRun run) {
    FlowAggregationSettings settings = settings(run);
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
  }

  @Override
  public Map<String, List<String>> inputs(SavepointRun run) {
    return Map.of(run.id(), List.of(TOPICS + "observations", TOPICS + "crossings"),
        run.id() + "-reference", List.of(TOPICS + "points"));
  }
}
