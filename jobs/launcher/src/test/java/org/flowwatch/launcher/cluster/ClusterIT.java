package org.flowwatch.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.launcher.CommandRun;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.simulator.AvroRecordProducer;
import org.flowwatch.simulator.ObservationGenerator;
import org.flowwatch.simulator.truth.GroundTruth;
import org.flowwatch.testing.Checkout;
import org.flowwatch.testing.Conditions;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealFlinkCluster;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job jars on a real multi-process Flink session cluster (infra/flink/flink.sh: a job manager and two task
 * managers, each its own JVM), driven by the commands a data engineer uses: deploy, jobs, savepoint, upgrade (to
 * another parallelism, state carried across), cancel; an upgrade whose state would not restore is refused; and a
 * fault drill (a task manager killed with SIGKILL, the broker restarted) after which Elasticsearch and the aggregates
 * topic hold exactly the ground truth.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class ClusterIT {
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static RealFlinkCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RealFlinkCluster.start(2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Path jar(FlowwatchJob job) {
    return job.builtJar(Checkout.root());
  }

  @Test
  void deploysListsSavepointsUpgradesToAnotherParallelismAndCancels() throws Exception {
    String run = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> options = new ArrayList<>(FaultDrill.jobOptions(run, RealKafka.bootstrapServers(),
        RealElasticsearch.url(), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        JobArguments.parse(options.toArray(String[]::new), FlowAggregationOptions.ALL));
    KafkaTopics.createIfMissing(settings.kafka(), FlowAggregationConnectors.topics(settings));
    try (RestClientTransport transport = ElasticsearchClients.transport(settings.elasticsearch())) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
    Instant start = Instant.parse("2024-06-03T00:00:00Z");
    List<FlowObservation> before = new ObservationGenerator(5L, 1.0).between(start, start.plus(Duration.ofDays(1)));
    List<FlowObservation> after = new ObservationGenerator(6L, 1.0)
        .between(start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(2)));
    FlowObservation closer = FlowObservation.newBuilder(before.get(0)).setId(run + "-closer")
        .setObservedAt(start.plus(Duration.ofDays(3))).build();
    send(settings, before);

    List<String> deploy = new ArrayList<>(List.of("deploy", "flow-aggregation", "--cluster", cluster.url(),
        "--jar", jar(FlowwatchJob.FLOW_AGGREGATION).toString()));
    deploy.addAll(options);
    CommandRun deployed = CommandRun.of(deploy.toArray(String[]::new));
    assertThat(deployed.exitCode()).as(deployed.err()).isZero();
    assertThat(deployed.out()).contains("deployed flow-aggregation as job");

    CommandRun listed = CommandRun.of("jobs", "--cluster", cluster.url());
    assertThat(listed.out()).containsPattern("flow-aggregation +[0-9a-f]{32} +RUNNING");
    CommandRun again = CommandRun.of(deploy.toArray(String[]::new));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("flow-aggregation already runs on Flink at " + cluster.url());

    FlinkRest rest = new FlinkRest(cluster.url());
    String first = new Deployments(rest).requireLive(FlowwatchJob.FLOW_AGGREGATION).id();
    CommandRun savepoint = CommandRun.of("savepoint", "flow-aggregation", "--cluster", cluster.url());
    assertThat(savepoint.exitCode()).as(savepoint.err()).isZero();
    String savepointPath = savepoint.out().strip();
    assertThat(Path.of(java.net.URI.create(savepointPath).getPath()).resolve("_metadata")).exists();

    // The surge detection jar has none of these operators: its graph cannot take this state.
    List<String> problems = StateCompatibility.problems(savepointPath, jar(FlowwatchJob.SURGE_DETECTION),
        List.of("--kafka.bootstrap-servers", RealKafka.bootstrapServers(), "--elasticsearch.url", RealElasticsearch.url()));
    assertThat(problems).anyMatch(problem -> problem.contains("no operator takes the state of operator uid "
        + "'hourly-point-flows'"));
    assertThat(StateCompatibility.problems(savepointPath, jar(FlowwatchJob.FLOW_AGGREGATION), options)).isEmpty();

    CommandRun upgraded = CommandRun.of("upgrade", "flow-aggregation", "--cluster", cluster.url(),
        "--jar", jar(FlowwatchJob.FLOW_AGGREGATION).toString(), "--parallelism", "1");
    assertThat(upgraded.exitCode()).as(upgraded.err()).isZero();
    FlinkRest.JobOverview second = new Deployments(rest).requireLive(FlowwatchJob.FLOW_AGGREGATION);
    assertThat(second.id()).isNotEqualTo(first);
    assertThat(rest.jobOptions(second.id())).containsSequence("--parallelism", "1")
        .containsSequence("--kafka.topic.observations", settings.observationsTopic());

    // What the first job counted before the upgrade and what the second counts after add up exactly.
    send(settings, after);
    send(settings, List.of(closer));
    List<FlowObservation> all = new ArrayList<>(before);
    all.addAll(after);
    Map<String, GroundTruth.Totals> truth = GroundTruth.hourly(all, List.of());
    String closerHour = closer.getObservedAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
    try (RestClientTransport transport = ElasticsearchClients.transport(settings.elasticsearch())) {
      var elasticsearch = ElasticsearchClients.blocking(transport);
      await("Elasticsearch holds the ground truth of both halves", () -> {
        Map<String, GroundTruth.Totals> indexed = new java.util.HashMap<>(
            IndexedFlows.elasticsearch(elasticsearch, settings.indexPrefix()));
        indexed.keySet().removeIf(id -> id.endsWith(closerHour));
        return indexed.equals(truth);
      });
    }

    CommandRun cancelled = CommandRun.of("cancel", "flow-aggregation", "--cluster", cluster.url());
    assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
    assertThat(rest.job(second.id()).state()).isEqualTo("CANCELED");
    assertThat(new Deployments(rest).live(FlowwatchJob.FLOW_AGGREGATION)).isEmpty();
  }

  @Test
  void anUnreachableClusterIsNamedInTheError() {
    CommandRun run = CommandRun.of("jobs", "--cluster", "http://127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach Flink at http://127.0.0.1:1");
  }

  @Test
  void holdsExactlyTheGroundTruthThroughAKilledTaskManagerAndABrokerRestart() throws Exception {
    FaultDrill.Faults faults = new FaultDrill.Faults() {
      @Override
      public void killTaskManager(int index) {
        cluster.killTaskManager(index);
      }

      @Override
      public void startTaskManager(int index) {
        cluster.startTaskManager(index);
      }

      @Override
      public void restartBroker() {
        RealKafka.restart();
      }

      @Override
      public void stopElasticsearch() {
        RealElasticsearch.stop();
      }

      @Override
      public void startElasticsearch() {
        RealElasticsearch.startAgain();
      }
    };
    FaultDrill drill = new FaultDrill(new FlinkRest(cluster.url()), jar(FlowwatchJob.FLOW_AGGREGATION),
        RealKafka.bootstrapServers(), RealElasticsearch.url(), faults, System.out);
    // One kill and a broker restart keep the suite short: an Elasticsearch outage is FailureRecoveryIT's (on a
    // MiniCluster); ./flowwatch chaos is the long drill with all three (docs/operations/deployment.md).
    FaultDrill.Report report = drill.run(new FaultDrill.Plan(1, true, false, Duration.ZERO, 2, 1.0,
        Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofMinutes(10)));
    System.out.println(report.table());

    assertThat(report.faults()).hasSize(2);
    assertThat(report.restarts()).isGreaterThanOrEqualTo(1);
    assertThat(report.truthCells()).isPositive();
    assertThat(report.holdsTheGroundTruth()).as(report.table()).isTrue();
  }

  private static void send(FlowAggregationSettings settings, List<FlowObservation> observations) {
    try (AvroRecordProducer<FlowObservation> producer = new AvroRecordProducer<>(settings.kafka(),
        settings.observationsTopic(), FlowObservation.class, FlowObservation::getId, FlowObservation::getObservedAt)) {
      producer.send(observations);
      producer.flush();
    }
  }

  private static void await(String condition, Callable<Boolean> holds) throws InterruptedException {
    Conditions.await(condition, DEADLINE, Duration.ofMillis(500), holds);
  }
}
