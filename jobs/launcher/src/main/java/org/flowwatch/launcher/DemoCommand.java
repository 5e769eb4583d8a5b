package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.simulator.AvroRecordProducer;
import org.flowwatch.simulator.CrossingGenerator;
import org.flowwatch.simulator.FlowSimulator;
import org.flowwatch.simulator.ObservationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo: simulated observations into Kafka, the flow aggregation job on an embedded Flink MiniCluster, and a
 * progress line of what Elasticsearch holds. The servers themselves are started by {@code ./flowwatch demo} (infra/).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the simulator and the flow aggregation job on an embedded Flink cluster against running "
        + "Kafka and Elasticsearch servers, reporting what Elasticsearch holds.")
final class DemoCommand implements Callable<Integer> {
  static final String TOPIC_PREFIX = "flowwatch.demo.";
  static final String TOPIC = TOPIC_PREFIX + "flow-observations";
  static final String INDEX_PREFIX = "flowwatch-flows-demo";
  /** Every month of the demo's hourly index. */
  static final String INDEX = INDEX_PREFIX + "-hourly-*";
  /** The demo's own data-quality indices (dated by month), so that its counts are this run's. */
  static final String REJECTED_INDEX = "flowwatch-rejected-demo";
  static final String DUPLICATES_INDEX = "flowwatch-duplicates-demo";
  static final String POINTS_INDEX = "flowwatch-points-demo";
  /** How long the records still in flight when the simulator stops may take to reach their place. */
  static final Duration SETTLE_DEADLINE = Duration.ofSeconds(120);
  /** Border registrations a day at Niger's southern and western posts, beside the registries' groups. */
  static final double CROSSINGS_PER_DAY = 3_000;

  @Mixin
  ServerOptions.Kafka kafka;

  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
      description = "Stop after this many seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long durationSeconds;

  @Option(names = "--speed", defaultValue = "720",
      description = "Simulated seconds per wall-clock second; 720 plays an hour every 5 s (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--scale", defaultValue = "1.0",
      description = "Traffic volume relative to IOM Niger's network, about 10,000 movements a day (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--report-every", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  long reportEverySeconds;

  @Option(names = "--web-ui-port", defaultValue = "8081", description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}).")
  String webUiPort;

  @Option(names = "--metrics-port", defaultValue = "9249",
      description = "Port of the Prometheus metrics endpoint (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    validate();
    System.out.printf("flowwatch demo: Kafka %s, Elasticsearch %s%n", kafka.bootstrapServers, elasticsearch.url);
    try (RestClientTransport transport = ElasticsearchClients.transport(elasticsearch.url)) {
      ElasticsearchClient client = ElasticsearchClients.blocking(transport);
      JobCounters counters = new JobCounters(metricsPort);
      DemoReport report = new DemoReport(client, INDEX, counters);
      FlowAggregationSettings settings = jobSettings();
      prepare(client, settings);

      CountDownLatch stopped = new CountDownLatch(1);
      AtomicBoolean stopping = new AtomicBoolean();
      Thread hook = new Thread(() -> {
        stopping.set(true);
        awaitQuietly(stopped);
      }, "flowwatch-demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);

      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(clusterConfiguration());
      FlowAggregationJob.configure(env, settings);
      FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
      JobClient job = env.executeAsync(FlowAggregationJob.NAME);

      Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
      Instant deadline = durationSeconds > 0 ? Instant.now().plusSeconds(durationSeconds) : Instant.MAX;
      System.out.printf("flowwatch demo: simulating Niger's flow monitoring points and border posts from %s at %.0fx speed%n",
          start, speed);
      System.out.printf("  Flink web UI:   http://127.0.0.1:%s%n", webUiPort);
      System.out.printf("  Metrics:        http://127.0.0.1:%d/metrics (Prometheus)%n", metricsPort);
      System.out.printf("  Query it:       curl -s '%s/%s/_search?size=3&sort=@timestamp:desc&pretty'%n", elasticsearch.url, INDEX);
      System.out.printf("  Stop:           Ctrl-C%s%n", durationSeconds > 0 ? " (or wait " + durationSeconds + " s)" : "");

      long seed = System.nanoTime();
      boolean balanced = true;
      try (FlowSimulator simulator = new FlowSimulator(kafka.bootstrapServers, TOPIC, settings.crossingsTopic(),
          new ObservationGenerator(seed, scale), new CrossingGenerator(seed), CROSSINGS_PER_DAY * scale, start, speed)) {
        Instant nextReport = Instant.now().plusSeconds(reportEverySeconds);
        while (!stopping.get() && Instant.now().isBefore(deadline) && !job.getJobStatus().get().isGloballyTerminalState()) {
          FlowSimulator.Progress progress = simulator.tick();
          if (Instant.now().isAfter(nextReport)) {
            System.out.println(report.line(progress));
            nextReport = Instant.now().plusSeconds(reportEverySeconds);
          }
          Thread.sleep(FlowSimulator.TICK.toMillis());
        }
        System.out.println(report.line(simulator.progress()));
        if (job.getJobStatus().get().isGloballyTerminalState()) {
          System.out.printf("flowwatch demo: the job ended on its own (%s): see its log above%n",
              job.getJobStatus().get());
          balanced = false;
        } else if (!stopping.get()) {
          balanced = new DemoSettlement(client, counters, SETTLE_DEADLINE).settle(simulator.progress());
        }
      } finally {
        System.out.println("flowwatch demo: stopping the job");
        cancelQuietly(job);
        stopped.countDown();
        if (!stopping.get()) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
      System.out.printf("flowwatch demo: done; the documents stay in %s/%s%n", elasticsearch.url, INDEX);
      return balanced ? 0 : 1;
    }
  }

  @picocli.CommandLine.Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  private void validate() {
    require(speed > 0, "--speed must be positive, was " + speed);
    require(scale > 0, "--scale must be positive, was " + scale);
    require(durationSeconds >= 0, "--duration must not be negative, was " + durationSeconds);
    require(reportEverySeconds >= 1, "--report-every must be at least 1, was " + reportEverySeconds);
  }

  private void require(boolean valid, String message) {
    if (!valid) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** A clean slate each run: the demo's own topics and indices are recreated, so the counts shown are this run's. */
  private void prepare(ElasticsearchClient client, FlowAggregationSettings settings) throws Exception {
    List<KafkaTopics.TopicSpec> topics = FlowAggregationConnectors.topics(settings);
    KafkaTopics.deleteIfPresent(kafka.bootstrapServers, topics.stream().map(KafkaTopics.TopicSpec::name).toList());
    KafkaTopics.createIfMissing(kafka.bootstrapServers, topics);
    publishReferenceData(settings);
    IndexTemplates.installAll(client);
    // Deleting needs the names (Elasticsearch refuses wildcard deletes by default): resolve them first.
    List<String> indices = List.copyOf(client.indices().get(g -> g.index(List.of(INDEX_PREFIX + "-*",
        REJECTED_INDEX + "-*", DUPLICATES_INDEX + "-*", POINTS_INDEX + "*"))
        .ignoreUnavailable(true).allowNoIndices(true)).result().keySet());
    if (!indices.isEmpty()) {
      client.indices().delete(d -> d.index(indices));
    }
  }

  /** The bundled registry, published to the reference topic the job reads, as an operator would load it. */
  private void publishReferenceData(FlowAggregationSettings settings) {
    try (AvroRecordProducer<MonitoringPoint> points = new AvroRecordProducer<>(kafka.bootstrapServers, settings.referenceTopic(),
        MonitoringPoint.class, MonitoringPoint::getCode, point -> java.time.Instant.now())) {
      points.send(MonitoringPoints.niger());
      points.flush();
    }
  }

  private Configuration clusterConfiguration() {
    Configuration configuration = FlowAggregationJob.environmentConfiguration();
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.BIND_PORT, webUiPort);
    configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
    configuration.setString("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    configuration.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
    return configuration;
  }

  private FlowAggregationSettings jobSettings() {
    Configuration configuration = new Configuration();
    configuration.set(FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers);
    configuration.set(FlowAggregationOptions.OBSERVATIONS_TOPIC, TOPIC);
    configuration.set(FlowAggregationOptions.CROSSINGS_TOPIC, TOPIC_PREFIX + "checkpoint-crossings");
    configuration.set(FlowAggregationOptions.REFERENCE_TOPIC, TOPIC_PREFIX + "monitoring-points");
    configuration.set(FlowAggregationOptions.AGGREGATES_TOPIC, TOPIC_PREFIX + "flow-aggregates");
    configuration.set(FlowAggregationOptions.REJECTED_TOPIC, TOPIC_PREFIX + "rejected-records");
    configuration.set(FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX, "flowwatch-demo");
    configuration.set(FlowAggregationOptions.GROUP_ID, "flowwatch-demo");
    configuration.set(FlowAggregationOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
    configuration.set(FlowAggregationOptions.ELASTICSEARCH_URL, elasticsearch.url);
    configuration.set(FlowAggregationOptions.INDEX_PREFIX, INDEX_PREFIX);
    configuration.set(FlowAggregationOptions.REJECTED_INDEX, REJECTED_INDEX);
    configuration.set(FlowAggregationOptions.DUPLICATES_INDEX, DUPLICATES_INDEX);
    configuration.set(FlowAggregationOptions.POINTS_INDEX, POINTS_INDEX);
    configuration.set(FlowAggregationOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(10));
    // Simulated time runs 720x faster than the wall clock: one wall second of silence is 12 simulated minutes.
    configuration.set(FlowAggregationOptions.IDLENESS, Duration.ofSeconds(5));
    return FlowAggregationSettings.from(configuration);
  }

  private static void cancelQuietly(JobClient job) {
    try {
      job.cancel().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // On Ctrl-C the embedded cluster may already be shutting down through its own hook.
      System.out.println("flowwatch demo: job already stopped (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
