package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryConnectors;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryJob;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.alertdelivery.AlertDeliverySettings;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.surgedetection.SurgeDetectionConnectors;
import org.flowwatch.jobs.surgedetection.SurgeDetectionJob;
import org.flowwatch.jobs.surgedetection.SurgeDetectionOptions;
import org.flowwatch.jobs.surgedetection.SurgeDetectionSettings;
import org.flowwatch.launcher.board.Board;
import org.flowwatch.launcher.board.BoardScreenshots;
import org.flowwatch.launcher.board.HeadlessChromium;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.simulator.AvroRecordProducer;
import org.flowwatch.simulator.CrossingGenerator;
import org.flowwatch.simulator.FlowSimulator;
import org.flowwatch.simulator.ObservationGenerator;
import org.flowwatch.simulator.PlantedSurge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo: simulated observations into Kafka, the flow aggregation and surge detection jobs on one embedded Flink
 * MiniCluster, and progress lines of what Elasticsearch holds, alerts included. It first sends weeks of history at
 * full speed (what the surge detector compares with), then goes live at {@code --speed} with a surge planted on one
 * route, which the surge detection job reports as an alert. The servers themselves are started by
 * {@code ./flowwatch demo} (infra/).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the simulator, the flow aggregation and the surge detection jobs on an embedded Flink cluster "
        + "against running Kafka and Elasticsearch servers: weeks of history at full speed, then live with a planted "
        + "surge, reporting what Elasticsearch holds and the alerts that open.")
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
  static final String ALERTS_TOPIC = TOPIC_PREFIX + "alerts";
  /** The demo's alert episodes (dated by the month they opened). */
  static final String ALERTS_INDEX = "flowwatch-alerts-demo";
  /** The demo's indices are flowwatch-<kind>-demo...: the board shows only those. */
  static final String DEMO_QUALIFIER = "demo";
  /** The planted surge: the northbound desert route through Agadez, Séguédine, Madama and Dirkou. */
  static final String SURGE_ROUTE = "AGADEZ-LIBYA";
  static final Direction SURGE_DIRECTION = Direction.OUTGOING;
  /** The live stretch: from this long before the present (whole hours), the simulator plays at --speed. */
  static final Duration LIVE_STRETCH = Duration.ofHours(12);
  /** The planted surge starts this long into the live stretch. */
  static final Duration SURGE_AFTER = Duration.ofHours(1);
  /** History goes to Kafka a batch of this much simulated time at a time. */
  static final Duration HISTORY_BATCH = Duration.ofHours(6);
  /** Task slots of the embedded cluster: flow aggregation (2), surge detection (1), alert delivery (1). */
  static final int TASK_SLOTS = 4;
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

  @Option(names = "--history-days", defaultValue = "58", paramLabel = "DAYS",
      description = "Days of history sent at full speed before going live; the default detector compares with the "
          + "same weekday of the last 8 weeks, so it needs 57. 0 sends none and plays the last day live, with no "
          + "alerts possible (default: ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--until-delivered",
      description = "End the live stretch as soon as the planted surge's alert has been delivered by webhook and by "
          + "email (--duration still bounds the run).")
  boolean untilDelivered;

  @Option(names = "--no-surge", description = "Plant no surge: the live traffic follows its usual pattern.")
  boolean noSurge;

  @Option(names = "--surge-multiplier", defaultValue = "5", paramLabel = "TIMES",
      description = "How many times its usual traffic the planted surge sends on route " + SURGE_ROUTE
          + " (outgoing) (default: ${DEFAULT-VALUE}).")
  double surgeMultiplier;

  @Option(names = "--webhook-receiver-port", defaultValue = "8099",
      description = "Port of the local webhook receiver (infra/webhook-receiver, started by ./flowwatch demo) "
          + "(default: ${DEFAULT-VALUE}).")
  int webhookReceiverPort;

  @Option(names = "--webhook-receiver-home", paramLabel = "DIR",
      description = "The local webhook receiver's directory (its secrets.json and received/) "
          + "(default: $FLOWWATCH_STATE_DIR/webhook-receiver/PORT, $FLOWWATCH_STATE_DIR being /var/tmp/flowwatch "
          + "when unset).")
  Path webhookReceiverHome;

  @Option(names = "--smtp-port", defaultValue = "2525",
      description = "Port of the local SMTP server the demo starts for its email subscriber (default: ${DEFAULT-VALUE}).")
  int smtpPort;

  @Option(names = "--demo-dir", paramLabel = "DIR",
      description = "Where the demo writes its subscriptions file, its secret and the emails received "
          + "(default: $FLOWWATCH_STATE_DIR/demo).")
  Path demoDirectory;

  @Option(names = "--web-ui-port", defaultValue = "8081", description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}).")
  String webUiPort;

  @Option(names = "--board-port", defaultValue = "8088",
      description = "Port of the board, the dashboards in a browser (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int boardPort;

  @Option(names = "--screenshots", paramLabel = "DIR",
      description = "When the live stretch ends (use with --until-delivered), save a picture of each dashboard of the "
          + "board in DIR (headless Chromium; e.g. docs/images to refresh the docs' pictures).")
  Path screenshots;

  @Option(names = "--metrics-port", defaultValue = "9249",
      description = "Port of the Prometheus metrics endpoint (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    validate();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf("flowwatch demo: Kafka %s, Elasticsearch %s%n", kafka.bootstrapServers, elasticsearch.url);
    try (RestClientTransport transport = ElasticsearchClients.transport(elasticsearch.connection())) {
      ElasticsearchClient client = ElasticsearchClients.blocking(transport);
      JobCounters counters = new JobCounters(metricsPort);
      DemoReport report = new DemoReport(client, INDEX, counters);
      FlowAggregationSettings settings = jobSettings();
      SurgeDetectionSettings detection = surgeDetectionSettings(settings);
      DemoDelivery delivery = new DemoDelivery(client, demoDirectory(), webhookReceiverHome(), webhookReceiverPort,
          smtpPort);
      AlertDeliverySettings deliverySettings = delivery.settings(servers(), ALERTS_TOPIC, REJECTED_INDEX);
      prepare(client, settings, detection, deliverySettings);
      Path subscriptions = delivery.subscribe(kafka.connection());
      Board board = Board.start(elasticsearch.connection(), new InetSocketAddress("127.0.0.1", boardPort), null,
          DEMO_QUALIFIER, java.util.Objects.requireNonNullElse(deliverySettings.channels().webhook().capSender(),
              AlertDeliveryOptions.CAP_SENDER.defaultValue()));

      CountDownLatch stopped = new CountDownLatch(1);
      AtomicBoolean stopping = new AtomicBoolean();
      Thread hook = new Thread(() -> {
        stopping.set(true);
        awaitQuietly(stopped);
      }, "flowwatch-demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);

      MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
          .setConfiguration(clusterConfiguration()).setNumTaskManagers(1).setNumSlotsPerTaskManager(TASK_SLOTS).build());
      List<JobClient> jobs = new ArrayList<>();
      boolean balanced = true;
      try {
        cluster.start();
        jobs.add(submitFlowAggregation(cluster, settings));
        jobs.add(submitSurgeDetection(cluster, detection));
        jobs.add(submitAlertDelivery(cluster, deliverySettings));

        Instant now = Instant.now();
        Instant live = historyDays > 0 ? now.truncatedTo(ChronoUnit.HOURS).minus(LIVE_STRETCH)
            : now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        Instant start = live.minus(Duration.ofDays(historyDays));
        PlantedSurge surge = noSurge ? null : new PlantedSurge(SURGE_ROUTE, SURGE_DIRECTION, live.plus(SURGE_AFTER),
            surgeMultiplier);
        DemoAlerts alerts = new DemoAlerts(client, ALERTS_INDEX + "-*",
            "route=" + SURGE_ROUTE + "|direction=" + SURGE_DIRECTION.name(), SURGE_ROUTE);
        Instant deadline = durationSeconds > 0 ? Instant.now().plusSeconds(durationSeconds) : Instant.MAX;
        System.out.printf("flowwatch demo: simulating Niger's flow monitoring points and border posts from %s, "
            + "live from %s at %.0fx speed%n", start, live, speed);
        System.out.printf("  Planted surge:  %s%n", surge == null ? "none (--no-surge)" : surge);
        System.out.printf("  Dashboards:     %sdashboards/flowwatch-situation-room?refresh=10 (the board; "
            + "also /feeds/alerts.atom)%n", board.address());
        System.out.printf("  Flink web UI:   http://127.0.0.1:%s (jobs: %s, %s, %s)%n", webUiPort,
            FlowAggregationJob.NAME, SurgeDetectionJob.NAME, AlertDeliveryJob.NAME);
        System.out.print(delivery.whereToRead(subscriptions));
        System.out.printf("  Metrics:        http://127.0.0.1:%d/metrics (Prometheus)%n", metricsPort);
        System.out.printf("  Query it:       curl -s '%s/%s/_search?size=3&sort=@timestamp:desc&pretty'%n", elasticsearch.url, INDEX);
        System.out.printf("  Alerts:         curl -s '%s/%s-*/_search?sort=updated_at:desc&pretty'%n", elasticsearch.url,
            ALERTS_INDEX);
        System.out.printf("  Stop:           Ctrl-C%s%n", durationSeconds > 0 ? " (or wait " + durationSeconds + " s)" : "");

        long seed = System.nanoTime();
        try (FlowSimulator simulator = new FlowSimulator(kafka.connection(), TOPIC, settings.crossingsTopic(),
            new ObservationGenerator(seed, scale, surge), new CrossingGenerator(seed), CROSSINGS_PER_DAY * scale, start,
            speed)) {
          if (historyDays > 0) {
            sendHistory(simulator, live, jvmStart);
          }
          Instant nextReport = Instant.now();
          while (!stopping.get() && Instant.now().isBefore(deadline) && !anyEnded(jobs)
              && !(untilDelivered && plantedAlertDelivered(alerts, delivery))) {
            FlowSimulator.Progress progress = simulator.tick();
            if (!Instant.now().isBefore(nextReport)) {
              report(report, alerts, delivery, progress, jvmStart);
              nextReport = Instant.now().plusSeconds(reportEverySeconds);
            }
            Thread.sleep(FlowSimulator.TICK.toMillis());
          }
          report(report, alerts, delivery, simulator.progress(), jvmStart);
          if (anyEnded(jobs)) {
            for (JobClient job : jobs) {
              System.out.printf("flowwatch demo: job %s is %s%n", job.getJobID(), job.getJobStatus().get());
            }
            System.out.println("flowwatch demo: a job ended on its own: see its log above");
            balanced = false;
          } else if (!stopping.get()) {
            if (surge != null && historyDays > 0) {
              System.out.println(plantedOutcome(alerts, delivery));
            }
            if (screenshots != null) {
              takeScreenshots(board);
            }
            balanced = new DemoSettlement(client, counters, SETTLE_DEADLINE).settle(simulator.progress());
          }
        }
      } finally {
        System.out.println("flowwatch demo: stopping the jobs");
        jobs.forEach(DemoCommand::cancelQuietly);
        closeQuietly(cluster);
        closeQuietly(board);
        delivery.close();
        deleteCheckpoints();
        stopped.countDown();
        if (!stopping.get()) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
      System.out.printf("flowwatch demo: done; the documents stay in %s/%s and the alerts in %s/%s-*%n",
          elasticsearch.url, INDEX, elasticsearch.url, ALERTS_INDEX);
      return balanced ? 0 : 1;
    }
  }

  /** The history phase: everything from the start to the live stretch, as fast as Kafka takes it. */
  private void sendHistory(FlowSimulator simulator, Instant live, long jvmStart) {
    long began = System.nanoTime();
    FlowSimulator.Progress history = simulator.sendHistory(live, HISTORY_BATCH);
    System.out.printf("history: %.1f weeks (%d days) of data sent in %.1f s: %,d observations (%,d travellers) and "
            + "%,d crossings, up to %s [%s]%n", historyDays / 7.0, historyDays, (System.nanoTime() - began) / 1e9,
        history.observations(), history.travellers(), history.crossings(), live, sinceStart(jvmStart));
  }

  private static boolean plantedAlertDelivered(DemoAlerts alerts, DemoDelivery delivery) {
    String planted = alerts.plantedAlert();
    return planted != null && delivery.delivered(planted, "WEBHOOK") && delivery.delivered(planted, "EMAIL");
  }

  /** The demo's headline, in one line: did the planted surge open an alert, and did it reach its subscribers. */
  private String plantedOutcome(DemoAlerts alerts, DemoDelivery delivery) {
    if (alerts.plantedAlert() == null) {
      return String.format("flowwatch demo: the planted surge has not opened an alert yet (run longer than %d s)",
          durationSeconds);
    }
    return String.format("flowwatch demo: the planted surge opened alert %s; delivered by webhook: %s, by email: %s",
        alerts.plantedAlert(), delivery.delivered(alerts.plantedAlert(), "WEBHOOK") ? "yes" : "not yet",
        delivery.delivered(alerts.plantedAlert(), "EMAIL") ? "yes" : "not yet");
  }

  private void report(DemoReport report, DemoAlerts alerts, DemoDelivery delivery, FlowSimulator.Progress progress,
      long jvmStart) {
    DemoAlerts.Poll poll = alerts.poll();
    System.out.println(report.line(progress) + " | alerts not resolved: " + poll.open()
        + (poll.notShown() > 0 ? " (" + poll.notShown() + " on other routes' nationalities not shown)" : ""));
    String planted = alerts.plantedAlert();
    for (String line : poll.lines()) {
      System.out.println("  " + line + " [" + sinceStart(jvmStart) + "]");
    }
    if (planted != null && poll.lines().stream().anyMatch(line -> line.startsWith("ALERT opened") && line.contains(planted))) {
      System.out.printf("  the planted surge on route %s (%s) opened an alert %s%n", SURGE_ROUTE,
          SURGE_DIRECTION.name().toLowerCase(java.util.Locale.ROOT), sinceStart(jvmStart));
    }
    for (String line : delivery.poll()) {
      System.out.println("  " + line + " [" + sinceStart(jvmStart) + "]");
    }
  }

  /** "+73 s after the JVM started". */
  private static String sinceStart(long jvmStart) {
    return String.format("+%d s after the JVM started", (System.currentTimeMillis() - jvmStart) / 1000);
  }

  private static boolean anyEnded(List<JobClient> jobs) throws Exception {
    for (JobClient job : jobs) {
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        return true;
      }
    }
    return false;
  }

  /** A job as its {@code main} wires it: its settings and its real connectors. */
  @FunctionalInterface
  private interface JobDefinition {
    void define(StreamExecutionEnvironment env);
  }

  private JobClient submitFlowAggregation(MiniCluster cluster, FlowAggregationSettings settings) throws Exception {
    return submit(cluster, FlowAggregationJob.NAME, env -> {
      FlowAggregationJob.configure(env, settings);
      FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
    });
  }

  private JobClient submitSurgeDetection(MiniCluster cluster, SurgeDetectionSettings settings) throws Exception {
    return submit(cluster, SurgeDetectionJob.NAME, env -> {
      SurgeDetectionJob.configure(env, settings);
      SurgeDetectionJob.defineTopology(env, settings, SurgeDetectionConnectors.real(settings));
    });
  }

  private JobClient submitAlertDelivery(MiniCluster cluster, AlertDeliverySettings settings) throws Exception {
    return submit(cluster, AlertDeliveryJob.NAME, env -> {
      AlertDeliveryJob.configure(env, settings);
      AlertDeliveryJob.defineTopology(env, settings, AlertDeliveryConnectors.real(settings));
    });
  }

  /** The state directory the infra scripts use, so the demo's files sit beside its servers'. */
  private static Path stateDirectory() {
    String configured = System.getenv("FLOWWATCH_STATE_DIR");
    return Path.of(configured == null || configured.isBlank() ? "/var/tmp/flowwatch" : configured);
  }

  private Path demoDirectory() {
    return demoDirectory != null ? demoDirectory : stateDirectory().resolve("demo");
  }

  /**
   * Pictures of the board as the live stretch ends (asked for with --screenshots, so Chromium is installed when
   * missing and allowed); a browser that cannot start or a dashboard that cannot be drawn is reported, not fatal.
   */
  private void takeScreenshots(Board board) {
    HeadlessChromium.Availability browser = HeadlessChromium.check(true);
    if (!browser.available()) {
      System.out.println("flowwatch demo: no screenshots: " + browser.reason());
      return;
    }
    try {
      for (Path png : BoardScreenshots.take(board.address(), screenshots)) {
        System.out.println("flowwatch demo: saved " + png);
      }
    } catch (IOException | RuntimeException e) {
      System.out.println("flowwatch demo: no screenshots: " + e.getMessage());
    }
  }

  private Path webhookReceiverHome() {
    return webhookReceiverHome != null ? webhookReceiverHome
        : stateDirectory().resolve("webhook-receiver").resolve(String.valueOf(webhookReceiverPort));
  }

  /**
   * Checkpoints to files: with weeks of history, the window and deduplication state outgrows the 5 MB that
   * checkpoints held in the JobManager's memory allow, and a job whose checkpoints fail never commits its output.
   */
  private Configuration withCheckpointDirectory(Configuration configuration) throws java.io.IOException {
    if (checkpointDirectory == null) {
      checkpointDirectory = java.nio.file.Files.createTempDirectory("flowwatch-demo-checkpoints");
    }
    configuration.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    configuration.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        checkpointDirectory.toUri().toString());
    return configuration;
  }

  private java.nio.file.Path checkpointDirectory;

  private void deleteCheckpoints() {
    if (checkpointDirectory == null) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(checkpointDirectory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException | RuntimeException e) {
      System.out.println("flowwatch demo: could not delete the checkpoints in " + checkpointDirectory);
    }
  }

  /** Submits the job to the demo's cluster, beside the others, with the settings every flowwatch job shares. */
  private JobClient submit(MiniCluster cluster, String name, JobDefinition definition) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(
        withCheckpointDirectory(JobEnvironment.configuration()));
    definition.define(env);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(name);
    ClassLoader classLoader = DemoCommand.class.getClassLoader();
    JobGraph job = graph.getJobGraph(classLoader, null);
    cluster.submitJob(job).get(60, TimeUnit.SECONDS);
    return new MiniClusterJobClient(job.getJobID(), cluster, classLoader,
        MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
  }

  @picocli.CommandLine.Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  private void validate() {
    require(speed > 0, "--speed must be positive, was " + speed);
    require(scale > 0, "--scale must be positive, was " + scale);
    require(durationSeconds >= 0, "--duration must not be negative, was " + durationSeconds);
    require(reportEverySeconds >= 1, "--report-every must be at least 1, was " + reportEverySeconds);
    require(historyDays >= 0, "--history-days must not be negative, was " + historyDays);
    require(surgeMultiplier >= 1, "--surge-multiplier must be at least 1, was " + surgeMultiplier);
    require(!untilDelivered || (!noSurge && historyDays > 0), "--until-delivered needs the planted surge and its "
        + "history (no --no-surge, --history-days above 0)");
  }

  private void require(boolean valid, String message) {
    if (!valid) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** A clean slate each run: the demo's own topics and indices are recreated, so the counts shown are this run's. */
  private void prepare(ElasticsearchClient client, FlowAggregationSettings settings, SurgeDetectionSettings detection,
      AlertDeliverySettings delivery) throws Exception {
    Map<String, KafkaTopics.TopicSpec> topics = new LinkedHashMap<>();
    FlowAggregationConnectors.topics(settings).forEach(topic -> topics.put(topic.name(), topic));
    SurgeDetectionConnectors.topics(detection).forEach(topic -> topics.putIfAbsent(topic.name(), topic));
    AlertDeliveryConnectors.topics(delivery).forEach(topic -> topics.putIfAbsent(topic.name(), topic));
    List<String> deleted = new ArrayList<>(topics.keySet());
    // Created again, compacted, by the subscriptions apply.
    deleted.add(delivery.subscriptionsTopic());
    KafkaTopics.deleteIfPresent(kafka.connection(), deleted);
    KafkaTopics.createIfMissing(kafka.connection(), List.copyOf(topics.values()));
    publishReferenceData(settings);
    IndexTemplates.installAll(client);
    // Deleting needs the names (Elasticsearch refuses wildcard deletes by default): resolve them first.
    List<String> indices = List.copyOf(client.indices().get(g -> g.index(List.of(INDEX_PREFIX + "-*",
        REJECTED_INDEX + "-*", DUPLICATES_INDEX + "-*", POINTS_INDEX + "*", ALERTS_INDEX + "-*",
        DemoDelivery.DELIVERIES_INDEX + "-*"))
        .ignoreUnavailable(true).allowNoIndices(true)).result().keySet());
    if (!indices.isEmpty()) {
      client.indices().delete(d -> d.index(indices));
    }
  }

  /** The bundled registry, published to the reference topic the job reads, as an operator would load it. */
  private void publishReferenceData(FlowAggregationSettings settings) {
    try (AvroRecordProducer<MonitoringPoint> points = new AvroRecordProducer<>(kafka.connection(), settings.referenceTopic(),
        MonitoringPoint.class, MonitoringPoint::getCode, point -> java.time.Instant.now())) {
      points.send(MonitoringPoints.niger());
      points.flush();
    }
  }

  private Configuration clusterConfiguration() {
    Configuration configuration = FlowAggregationJob.environmentConfiguration();
    configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    configuration.set(RestOptions.BIND_PORT, webUiPort);
    configuration.set(RestOptions.ADDRESS, "127.0.0.1");
    if (webUiPort.matches("[0-9]+")) {
      configuration.set(RestOptions.PORT, Integer.parseInt(webUiPort));
    }
    configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, TASK_SLOTS);
    configuration.setString("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    configuration.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
    return configuration;
  }

  /** The servers' options (addresses and security) as the jobs take them. */
  private Configuration servers() {
    Configuration configuration = kafka.configuration();
    configuration.addAll(elasticsearch.configuration());
    return configuration;
  }

  private FlowAggregationSettings jobSettings() {
    Configuration configuration = servers();
    configuration.set(FlowAggregationOptions.OBSERVATIONS_TOPIC, TOPIC);
    configuration.set(FlowAggregationOptions.CROSSINGS_TOPIC, TOPIC_PREFIX + "checkpoint-crossings");
    configuration.set(FlowAggregationOptions.REFERENCE_TOPIC, TOPIC_PREFIX + "monitoring-points");
    configuration.set(FlowAggregationOptions.AGGREGATES_TOPIC, TOPIC_PREFIX + "flow-aggregates");
    configuration.set(FlowAggregationOptions.REJECTED_TOPIC, TOPIC_PREFIX + "rejected-records");
    configuration.set(FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX, "flowwatch-demo");
    configuration.set(FlowAggregationOptions.GROUP_ID, "flowwatch-demo");
    configuration.set(FlowAggregationOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
    configuration.set(FlowAggregationOptions.INDEX_PREFIX, INDEX_PREFIX);
    configuration.set(FlowAggregationOptions.REJECTED_INDEX, REJECTED_INDEX);
    configuration.set(FlowAggregationOptions.DUPLICATES_INDEX, DUPLICATES_INDEX);
    configuration.set(FlowAggregationOptions.POINTS_INDEX, POINTS_INDEX);
    // Aggregates reach the surge detection job when a checkpoint commits them (exactly-once): every 5 s, an hour.
    configuration.set(FlowAggregationOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
    // The default idleness (a minute) on purpose: while the job catches up on weeks of history, a partition can
    // wait seconds for its turn (fetches favour some partitions, backpressure stalls all); marked idle, it would let
    // the watermark run weeks ahead of its records and they would be rejected as TOO_LATE.
    return FlowAggregationSettings.from(configuration);
  }

  /** The surge detection job on the demo's aggregates, writing the demo's alerts topic and index. */
  private SurgeDetectionSettings surgeDetectionSettings(FlowAggregationSettings flows) {
    Configuration configuration = servers();
    configuration.set(SurgeDetectionOptions.AGGREGATES_TOPIC, flows.aggregatesTopic());
    configuration.set(SurgeDetectionOptions.ALERTS_TOPIC, ALERTS_TOPIC);
    configuration.set(SurgeDetectionOptions.TRANSACTIONAL_ID_PREFIX, "flowwatch-demo-surge-detection");
    configuration.set(SurgeDetectionOptions.GROUP_ID, "flowwatch-demo-surge-detection");
    configuration.set(SurgeDetectionOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
    configuration.set(SurgeDetectionOptions.ALERTS_INDEX, ALERTS_INDEX);
    configuration.set(SurgeDetectionOptions.REJECTED_INDEX, REJECTED_INDEX);
    configuration.set(SurgeDetectionOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
    // The default idleness (a minute), as in the flow job: the history arrives in a burst from both partitions.
    configuration.set(SurgeDetectionOptions.PARALLELISM, 1);
    return SurgeDetectionSettings.from(configuration);
  }

  /** Closes what the demo started; a failure is reported and the rest of the shutdown goes on. */
  private static void closeQuietly(AutoCloseable started) {
    try {
      started.close();
    } catch (Exception e) {
      System.out.println("flowwatch demo: " + started.getClass().getSimpleName() + " stopped with "
          + e.getClass().getSimpleName());
    }
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
