package org.flowwatch.launcher.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;

/**
 * The flow aggregation job, as {@link FlowAggregationJob#defineTopology} builds it with its real connectors, running
 * unbounded in a local (in-process) Flink cluster that reports its counters to Prometheus on a free port: for the
 * measurements that watch the job while they feed it. Closing it cancels the job and deletes the run's topics,
 * indices and checkpoints.
 */
final class LocalFlowAggregation implements AutoCloseable {
  /** The job's counter of records that reached the windows (deduplicated, valid). */
  static final String AGGREGATED = "recordsAggregated";
  /** The job's counter of rejected records (all reasons). */
  static final String REJECTED = "recordsRejected";

  private final BenchRun run;
  private final FlowAggregationSettings settings;
  private final List<TopicSpec> topics;
  private final Path checkpoints;
  private final RestClientTransport transport;
  private final ElasticsearchClient elasticsearch;
  private final PrometheusCounters counters;
  private JobClient job;

  LocalFlowAggregation(BenchRun run, FlowAggregationSettings settings) throws IOException {
    this.run = run;
    this.settings = settings;
    this.topics = FlowAggregationConnectors.topics(settings);
    KafkaTopics.createIfMissing(run.kafka(), topics);
    this.transport = ElasticsearchClients.transport(run.elasticsearch());
    this.elasticsearch = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(elasticsearch);
    this.checkpoints = Files.createTempDirectory("flowwatch-bench-checkpoints");
    int metricsPort = freePort();
    this.counters = new PrometheusCounters(metricsPort);
    Configuration cluster = run.localCluster(checkpoints);
    cluster.setString("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    cluster.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
    this.clusterConfiguration = cluster;
  }

  private final Configuration clusterConfiguration;

  /** Submits the job and returns once Flink reports it running. */
  void start(String jobName) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(clusterConfiguration);
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
    job = env.executeAsync(jobName);
    awaitCondition("the job to run", Duration.ofMinutes(2),
        () -> status() == JobStatus.RUNNING);
  }

  FlowAggregationSettings settings() {
    return settings;
  }

  ElasticsearchClient elasticsearch() {
    return elasticsearch;
  }

  /** The sum of one of the job's counters over its operators and subtasks. */
  long counter(String name) throws InterruptedException {
    return counters.sum(name);
  }

  JobStatus status() {
    try {
      return job.getJobStatus().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return JobStatus.FAILED;
    }
  }

  /** Fails when the job has ended (it runs unbounded: an end is a failure). */
  void checkRunning() {
    JobStatus status = status();
    if (status.isGloballyTerminalState()) {
      String cause = "";
      try {
        job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        cause = ": " + e.getMessage();
      }
      throw new IllegalStateException("the flow aggregation job ended (" + status + ")" + cause);
    }
  }

  /** Waits (polling every 200 ms) until {@code condition} holds, failing when the job ends or after {@code timeout}. */
  void awaitCondition(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (job != null) {
        checkRunning();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Waits until the job has aggregated at least {@code records} records ({@value #AGGREGATED}). */
  void awaitAggregated(long records, Duration timeout) throws InterruptedException {
    awaitCondition(String.format("%,d records aggregated", records), timeout, () -> {
      try {
        return counter(AGGREGATED) >= records;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    });
  }

  /** The index pattern of the job's internal hourly documents. */
  String hourlyIndexPattern() {
    return FlowAggregateDocuments.base(settings.indexPrefix(), false, "HOURLY") + "-*";
  }

  /**
   * How many point-level hourly documents of the window ending at {@code windowEnd} a search finds now (what a
   * dashboard could show: only what the index has refreshed).
   */
  long searchableHourlyPointDocuments(Instant windowEnd) throws IOException {
    return elasticsearch.count(c -> c.index(hourlyIndexPattern()).allowNoIndices(true).ignoreUnavailable(true)
        .query(q -> q.bool(b -> b
            .filter(f -> f.term(t -> t.field("level").value("POINT")))
            .filter(f -> f.term(t -> t.field("granularity").value("HOURLY")))
            .filter(f -> f.term(t -> t.field("window_end").value(windowEnd.toString())))))).count();
  }

  /** How many documents a search of {@code index} finds now. */
  long searchableDocuments(String index) throws IOException {
    return elasticsearch.count(c -> c.index(index).allowNoIndices(true).ignoreUnavailable(true)).count();
  }

  /** Bytes in the run's checkpoint directory now (what the last retained checkpoints hold). */
  long checkpointBytes() {
    return DirectorySize.bytes(checkpoints);
  }

  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    if (job != null) {
      try {
        if (!status().isGloballyTerminalState()) {
          job.cancel().get(1, TimeUnit.MINUTES);
        }
        try {
          job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (Exception cancelled) {
          // cancelled: expected
        }
      } catch (Exception e) {
        problems.add("cancel the job: " + e.getMessage());
      }
    }
    try {
      KafkaTopics.deleteIfPresent(run.kafka(), topics.stream().map(TopicSpec::name).toList());
    } catch (RuntimeException e) {
      problems.add("delete topics: " + e.getMessage());
    }
    try {
      deleteIndices(settings.indexPrefix() + "-*", settings.pointsIndex(), settings.rejectedIndex(),
          settings.duplicatesIndex());
    } catch (IOException | RuntimeException e) {
      problems.add("delete indices: " + e.getMessage());
    }
    try {
      transport.close();
    } catch (IOException e) {
      problems.add("close Elasticsearch client: " + e.getMessage());
    }
    deleteDirectory(checkpoints);
    if (!problems.isEmpty()) {
      System.out.println("bench: clean-up incomplete: " + problems);
    }
  }

  /** Deletes the run's own indices (by their resolved names: wildcard deletes are refused by default). */
  private void deleteIndices(String... patterns) throws IOException {
    List<String> own = new ArrayList<>();
    for (String pattern : patterns) {
      if (!pattern.contains(run.name())) {
        continue; // a shared default index (e.g. flowwatch-rejected): not ours to delete
      }
      own.addAll(elasticsearch.indices().get(g -> g.index(pattern).allowNoIndices(true).ignoreUnavailable(true))
          .result().keySet());
    }
    if (!own.isEmpty()) {
      elasticsearch.indices().delete(d -> d.index(own));
    }
  }

  static void deleteDirectory(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: left for the system to clean
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
