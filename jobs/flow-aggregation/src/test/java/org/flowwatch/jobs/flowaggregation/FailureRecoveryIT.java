package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.ObservationGenerator;
import org.flowwatch.simulator.truth.GroundTruth;
import org.flowwatch.testing.Conditions;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once effect through failures, against the real broker and server: a TaskManager killed mid-stream, and
 * Elasticsearch down for longer than the checkpoint timeout. Afterwards Elasticsearch and the aggregates topic hold
 * exactly the ground truth, and every (cell, revision) was committed to Kafka once. The tests wait on conditions (a
 * checkpoint completed, a checkpoint expired), each with a generous deadline, never on elapsed time; a server a test
 * stops is started again in a finally block, so a failure here cannot take later tests down with it.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class FailureRecoveryIT {
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
      .setConfiguration(METRICS.addToConfiguration(new Configuration()))
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** Two weeks of traffic at three times Niger's volume: long enough to fail in the middle of it. */
  private static final List<FlowObservation> CORPUS = new ObservationGenerator(23L, 3.0)
      .between(Instant.parse("2024-05-06T00:00:00Z"), Instant.parse("2024-05-20T00:00:00Z"));

  /**
   * A record a day after the corpus: in an unbounded run it moves event time past the corpus's last hour, so every
   * hour of the corpus closes. Its own hour closes only at the end of a bounded run; the ground truth leaves it out.
   */
  private static final FlowObservation AFTER_THE_CORPUS = FlowObservation.newBuilder(CORPUS.get(0))
      .setId("after-the-corpus").setObservedAt(Instant.parse("2024-05-21T12:00:00Z")).build();

  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private static RestClientTransport transport;
  private static ElasticsearchClient elasticsearch;

  @BeforeAll
  static void connect() {
    transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()));
    elasticsearch = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(elasticsearch);
  }

  @AfterAll
  static void disconnect() throws Exception {
    transport.close();
  }

  private static FlowAggregationSettings prepare(Object... overrides) throws Exception {
    List<Object> options = new ArrayList<>(List.of(FlowAggregationOptions.CHECKPOINT_INTERVAL, "300 ms"));
    options.addAll(List.of(overrides));
    FlowAggregationSettings settings = TestRuns.settings("recovery", options.toArray());
    AvroCodec<FlowObservation> codec = AvroCodec.of(FlowObservation.class);
    List<byte[]> values = new ArrayList<>(CORPUS.stream().map(codec::encode).toList());
    values.add(codec.encode(AFTER_THE_CORPUS));
    KafkaTestTopics.produce(settings.kafka().bootstrapServers(), settings.observationsTopic(), values);
    return settings;
  }

  private static JobClient start(FlowAggregationSettings settings) throws Exception {
    return TestRuns.job(settings).executeAsync("flow aggregation recovery IT");
  }

  private static void await(String condition, Callable<Boolean> holds) throws InterruptedException {
    Conditions.await(condition, DEADLINE, Duration.ofMillis(500), holds);
  }

  private static CheckpointStatsCounts checkpoints(MiniCluster cluster, JobID job) throws Exception {
    return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot().getCounts();
  }

  private static long restarts(JobID job) {
    return METRICS.findMetrics(job, "numRestarts").values().stream()
        .mapToLong(metric -> ((Number) ((Gauge<?>) metric).getValue()).longValue()).max().orElse(0);
  }

  /** Whether a cell's document id is of the hour of {@link #AFTER_THE_CORPUS} (ids end with the window start). */
  private static boolean ofTheRecordAfterTheCorpus(String cellId) {
    return cellId.endsWith(AFTER_THE_CORPUS.getObservedAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString());
  }

  private static boolean holdsTheGroundTruth(FlowAggregationSettings settings) throws Exception {
    try {
      assertExactlyTheGroundTruth(settings);
      return true;
    } catch (AssertionError | RuntimeException notYet) {
      return false; // not there yet, or an index not searchable yet; the final assertion says which
    }
  }

  private static void assertExactlyTheGroundTruth(FlowAggregationSettings settings) throws Exception {
    Map<String, GroundTruth.Totals> expected = GroundTruth.hourly(CORPUS, List.of());

    // Elasticsearch: one document per cell, with the ground-truth counts.
    String index = settings.indexPrefix() + "-hourly-*";
    elasticsearch.indices().refresh(r -> r.index(index));
    Map<String, GroundTruth.Totals> indexed = new HashMap<>();
    String searchAfter = null;
    while (true) {
      String after = searchAfter;
      var page = elasticsearch.search(s -> {
        s.index(index).size(5_000).query(q -> q.term(t -> t.field("level").value("POINT"))).sort(o -> o.doc(d -> d));
        return after == null ? s : s.searchAfter(v -> v.stringValue(after));
      }, ObjectNode.class);
      if (page.hits().hits().isEmpty()) {
        break;
      }
      for (Hit<ObjectNode> hit : page.hits().hits()) {
        ObjectNode doc = hit.source();
        indexed.put(hit.id(), new GroundTruth.Totals(doc.get("travellers").asLong(), doc.get("men").asLong(),
            doc.get("women").asLong(), doc.get("boys").asLong(), doc.get("girls").asLong(),
            doc.get("observations").asLong()));
      }
      searchAfter = page.hits().hits().get(page.hits().hits().size() - 1).sort().get(0)._toJsonString();
    }
    indexed.keySet().removeIf(FailureRecoveryIT::ofTheRecordAfterTheCorpus);
    ExpectedFlows.assertSameCells(indexed, expected);

    // Kafka, read_committed: the latest revision of every hourly point cell is the ground truth, and no (cell,
    // revision) was committed twice.
    AvroCodec<FlowAggregate> codec = AvroCodec.of(FlowAggregate.class);
    List<FlowAggregate> committed = KafkaTestTopics.readCommitted(settings.kafka().bootstrapServers(),
        settings.aggregatesTopic()).stream().map(bytes -> {
          try {
            return codec.decode(bytes);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).toList();
    Map<String, Long> copies = committed.stream().collect(Collectors.groupingBy(
        a -> FlowAggregateDocuments.documentId(a) + "#" + a.getRevision(), Collectors.counting()));
    assertThat(copies.values()).allMatch(count -> count == 1);
    Map<String, GroundTruth.Totals> latest = FlowAggregationJobTest.totals(
        FlowAggregationJobTest.latestRevisionById(committed), org.flowwatch.schema.AggregateLevel.POINT,
        org.flowwatch.schema.WindowGranularity.HOURLY);
    latest.keySet().removeIf(FailureRecoveryIT::ofTheRecordAfterTheCorpus);
    ExpectedFlows.assertSameCells(latest, expected);
  }

  @Test
  void shouldHoldExactlyTheGroundTruthAfterATaskManagerIsKilledMidStream(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    // Unbounded, so that the job is certainly still running when its TaskManager dies, however fast it read.
    FlowAggregationSettings settings = prepare(FlowAggregationOptions.BOUNDED, "false");
    JobClient job = start(settings);
    try {
      // The only TaskManager runs every task: killing it fails them all; the job resumes on a new one.
      await("a completed checkpoint", () -> checkpoints(cluster, job.getJobID()).getNumberOfCompletedCheckpoints() > 0);
      cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
      cluster.startTaskManager();
      await("a restart from the checkpoint", () -> restarts(job.getJobID()) > 0);
      try {
        await("Elasticsearch and the aggregates topic hold the ground truth", () -> holdsTheGroundTruth(settings));
      } catch (AssertionError timedOut) {
        assertExactlyTheGroundTruth(settings); // says which cells differ
        throw timedOut;
      }
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertExactlyTheGroundTruth(settings);
  }

  /**
   * Elasticsearch is down from the job's start, so the sinks certainly have documents to write during the outage; it
   * comes back only after a checkpoint expired (the outage outlasted the checkpoint timeout). The job waits instead of
   * restarting, and loses nothing.
   */
  @Test
  void shouldRideOutAnElasticsearchOutageLongerThanTheCheckpointTimeoutWithoutRestarting(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    FlowAggregationSettings settings = prepare(FlowAggregationOptions.CHECKPOINT_TIMEOUT, "3 s",
        FlowAggregationOptions.CHECKPOINT_TOLERABLE_FAILURES, "100");
    JobClient job;
    RealElasticsearch.stop();
    try {
      job = start(settings);
      await("a checkpoint expired while Elasticsearch was down",
          () -> checkpoints(cluster, job.getJobID()).getNumberOfFailedCheckpoints() > 0);
    } finally {
      RealElasticsearch.startAgain();
    }
    job.getJobExecutionResult().get(DEADLINE.toMinutes(), TimeUnit.MINUTES);

    assertThat(restarts(job.getJobID())).as("restarts during the outage").isZero();
    assertExactlyTheGroundTruth(settings);
  }
}
