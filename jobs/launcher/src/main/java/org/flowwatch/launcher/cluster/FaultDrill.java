package org.flowwatch.launcher.cluster;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.simulator.AvroRecordProducer;
import org.flowwatch.simulator.ObservationGenerator;
import org.flowwatch.simulator.truth.GroundTruth;

/**
 * A fault drill on a real Flink cluster: the flow aggregation job, deployed as a jar, is fed a stream of observations
 * in slices; between slices a fault strikes (a task manager killed with SIGKILL and started again, the broker
 * restarted, Elasticsearch stopped and started). At the end, Elasticsearch and the aggregates topic must hold exactly
 * the ground truth of what was sent. Used by {@code ./flowwatch chaos} and by the cluster fault test.
 */
public final class FaultDrill {
  /** How the drill breaks and mends the servers; a test uses its own servers, the chaos command the demo's. */
  public interface Faults {
    void killTaskManager(int index) throws Exception;

    void startTaskManager(int index) throws Exception;

    void restartBroker() throws Exception;

    void stopElasticsearch() throws Exception;

    void startElasticsearch() throws Exception;
  }

  /**
   * What to break. With a zero {@code elasticsearchOutage}, Elasticsearch stays down until a checkpoint has failed
   * (the outage certainly outlasted a checkpoint); otherwise for that long and until a checkpoint has failed.
   */
  public record Plan(int kills, boolean brokerRestart, boolean elasticsearchOutage,
      Duration outageAtLeast, int days, double scale, Duration checkpointInterval, Duration checkpointTimeout,
      Duration settleDeadline) {}

  /** The outcome: the ground truth beside what Elasticsearch and the aggregates topic hold. */
  public record Report(List<String> faults, int truthCells, long truthTravellers, int indexedCells,
      long indexedTravellers, int differingIndexedCells, int committedCells, long committedTravellers,
      int differingCommittedCells, long repeatedCommits, long restarts, long completedCheckpoints,
      long failedCheckpoints) {
    public boolean holdsTheGroundTruth() {
      return differingIndexedCells == 0 && differingCommittedCells == 0 && repeatedCommits == 0;
    }

    public String table() {
      return String.join("\n",
          String.format("%-34s %12s %14s", "", "hourly cells", "travellers"),
          String.format("%-34s %12d %14d", "ground truth (sent)", truthCells, truthTravellers),
          String.format("%-34s %12d %14d   (%d cells differ)", "Elasticsearch (indexed)", indexedCells,
              indexedTravellers, differingIndexedCells),
          String.format("%-34s %12d %14d   (%d cells differ)", "aggregates topic (read_committed)", committedCells,
              committedTravellers, differingCommittedCells),
          "repeated (cell, revision) commits: " + repeatedCommits + "; job restarts: " + restarts
              + "; checkpoints completed " + completedCheckpoints + ", failed " + failedCheckpoints,
          "faults: " + String.join(", ", faults));
    }
  }

  private static final Duration STEP_DEADLINE = Duration.ofMinutes(5);
  private static final Instant CORPUS_START = Instant.parse("2024-05-06T00:00:00Z");

  private final FlinkRest rest;
  private final Path jar;
  private final String bootstrapServers;
  private final String elasticsearchUrl;
  private final Faults faults;
  private final PrintStream log;
  // Of the one run of this drill: the faults act on its job.
  private final List<String> done = new ArrayList<>();
  private Plan plan;
  private String jobId;

  /** A drill runs once ({@link #run}). */
  public FaultDrill(FlinkRest rest, Path jar, String bootstrapServers, String elasticsearchUrl, Faults faults,
      PrintStream log) {
    this.rest = rest;
    this.jar = jar;
    this.bootstrapServers = bootstrapServers;
    this.elasticsearchUrl = elasticsearchUrl;
    this.faults = faults;
    this.log = log;
  }

  public Report run(Plan plan) throws Exception {
    if (this.plan != null) {
      throw new IllegalStateException("a fault drill runs once");
    }
    this.plan = plan;
    String run = "drill-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> options = jobOptions(run, bootstrapServers, elasticsearchUrl, plan.checkpointInterval(),
        plan.checkpointTimeout());
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        JobArguments.parse(options.toArray(String[]::new), FlowAggregationOptions.ALL));
    KafkaTopics.createIfMissing(settings.kafka(), FlowAggregationConnectors.topics(settings));
    try (RestClientTransport transport = ElasticsearchClients.transport(settings.elasticsearch())) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }

    List<FlowObservation> corpus = new ObservationGenerator(23L, plan.scale())
        .between(CORPUS_START, CORPUS_START.plus(Duration.ofDays(plan.days())));
    // A record a day later moves event time past the corpus's last hour, so every hour of it closes; its own hour
    // never closes in an unbounded run and is left out of the comparison.
    FlowObservation closer = FlowObservation.newBuilder(corpus.get(0)).setId(run + "-closer")
        .setObservedAt(CORPUS_START.plus(Duration.ofDays(plan.days() + 1))).build();
    List<Fault> schedule = schedule(plan);
    List<List<FlowObservation>> slices = slices(corpus, schedule.size() + 1);

    jobId = new Deployments(rest).start(FlowwatchJob.FLOW_AGGREGATION, jar, options, Optional.empty()).id();
    log.println("drill " + run + ": job " + jobId + " runs; " + corpus.size() + " observations in "
        + slices.size() + " slices, " + schedule.size() + " faults");
    try (AvroRecordProducer<FlowObservation> producer = new AvroRecordProducer<>(settings.kafka(),
        settings.observationsTopic(), FlowObservation.class, FlowObservation::getId, FlowObservation::getObservedAt)) {
      for (int i = 0; i < schedule.size(); i++) {
        producer.send(slices.get(i));
        producer.flush();
        schedule.get(i).strike();
      }
      producer.send(slices.get(slices.size() - 1));
      producer.send(List.of(closer));
      producer.flush();
    }

    Map<String, GroundTruth.Totals> truth = GroundTruth.hourly(corpus, List.of());
    String closerHour = closer.getObservedAt().truncatedTo(ChronoUnit.HOURS).toString();
    Report report = null;
    Instant deadline = Instant.now().plus(plan.settleDeadline());
    try (RestClientTransport transport = ElasticsearchClients.transport(settings.elasticsearch())) {
      ElasticsearchClient elasticsearch = ElasticsearchClients.blocking(transport);
      while (report == null || (!report.holdsTheGroundTruth() && Instant.now().isBefore(deadline))) {
        if (report != null) {
          Thread.sleep(2_000); // polling interval while the job catches up
        }
        report = compare(truth, closerHour, elasticsearch, settings);
      }
    } finally {
      rest.cancel(jobId);
      rest.awaitState(jobId, Duration.ofMinutes(2), "CANCELED");
    }
    return report;
  }

  /** Options of a flow aggregation job with topics, group, transactions and indices of its own, named after the run. */
  static List<String> jobOptions(String run, String bootstrapServers, String elasticsearchUrl, Duration checkpointInterval,
      Duration checkpointTimeout) {
    return List.of(
        "--kafka.bootstrap-servers", bootstrapServers,
        "--kafka.topic.observations", run + ".observations",
        "--kafka.topic.crossings", run + ".crossings",
        "--kafka.topic.reference", run + ".points",
        "--kafka.topic.aggregates", run + ".aggregates",
        "--kafka.topic.rejected", run + ".rejected",
        "--kafka.transactional-id-prefix", run,
        "--kafka.group-id", run,
        "--kafka.starting-offsets", "EARLIEST",
        "--elasticsearch.url", elasticsearchUrl,
        "--elasticsearch.index-prefix", "flowwatch-flows-" + run,
        "--elasticsearch.rejected-index", "flowwatch-rejected-" + run,
        "--elasticsearch.duplicates-index", "flowwatch-duplicates-" + run,
        "--elasticsearch.points-index", "flowwatch-points-" + run,
        "--checkpoint.interval", checkpointInterval.toMillis() + " ms",
        "--checkpoint.timeout", checkpointTimeout.toMillis() + " ms",
        // Rides out an Elasticsearch outage of several checkpoints; bounded so that Kafka transactions stay below
        // the producer transaction timeout (checked by the job).
        "--checkpoint.tolerable-failures", "10",
        "--parallelism", "2");
  }

  /** One fault, struck between two slices of the stream; it returns once the job runs again. */
  private interface Fault {
    void strike() throws Exception;
  }

  /** The broker restart and the outage fall in the middle of the kills. */
  private List<Fault> schedule(Plan plan) {
    List<Fault> steps = new ArrayList<>();
    for (int kill = 0; kill < plan.kills(); kill++) {
      steps.add(this::killBusyTaskManager);
    }
    if (plan.brokerRestart()) {
      steps.add(steps.size() / 2, this::restartBroker);
    }
    if (plan.elasticsearchOutage()) {
      steps.add((steps.size() + 1) / 2, this::elasticsearchOutage);
    }
    return steps;
  }

  /**
   * Kills a task manager that runs tasks of the job (one with idle slots only would not touch it), the one listed
   * first, waits until the job has restarted, and starts the task manager again, as a supervisor would.
   */
  private void killBusyTaskManager() throws Exception {
    long before = rest.restarts(jobId);
    awaitNewCheckpoint();
    List<String> busy = rest.busyTaskManagers();
    if (busy.isEmpty() || !busy.get(0).matches("taskmanager-[0-9]+")) {
      throw new IllegalStateException("no task manager of the drill's cluster runs tasks: " + busy);
    }
    int index = Integer.parseInt(busy.get(0).substring("taskmanager-".length()));
    faults.killTaskManager(index);
    await("job " + jobId + " restarted after task manager " + index + " was killed",
        () -> rest.restarts(jobId) > before);
    faults.startTaskManager(index);
    awaitAllTasksRunning();
    record("task manager " + index + " killed (SIGKILL) and started again");
  }

  private void restartBroker() throws Exception {
    awaitNewCheckpoint();
    faults.restartBroker();
    awaitAllTasksRunning();
    awaitNewCheckpoint();
    record("Kafka broker restarted");
  }

  private void elasticsearchOutage() throws Exception {
    awaitNewCheckpoint();
    long failedBefore = rest.checkpoints(jobId).failed();
    Instant stopped = Instant.now();
    faults.stopElasticsearch();
    try {
      Instant until = stopped.plus(plan.outageAtLeast());
      await("a checkpoint failed while Elasticsearch was down",
          () -> rest.checkpoints(jobId).failed() > failedBefore && !Instant.now().isBefore(until));
    } finally {
      faults.startElasticsearch();
    }
    long seconds = Duration.between(stopped, Instant.now()).toSeconds();
    awaitAllTasksRunning();
    awaitNewCheckpoint();
    record("Elasticsearch down " + seconds + " s");
  }

  private void record(String fault) {
    done.add(fault);
    log.println("  " + fault);
  }

  private void awaitNewCheckpoint() throws Exception {
    long completed = rest.checkpoints(jobId).completed();
    await("a new checkpoint of job " + jobId, () -> rest.checkpoints(jobId).completed() > completed);
  }

  private void awaitAllTasksRunning() throws ClusterException {
    rest.awaitState(jobId, STEP_DEADLINE, "RUNNING");
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, Condition condition) throws Exception {
    Instant deadline = Instant.now().plus(STEP_DEADLINE);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not true after " + STEP_DEADLINE.toMinutes() + " min: " + what);
      }
      Thread.sleep(500); // polling interval
    }
  }

  private Report compare(Map<String, GroundTruth.Totals> truth, String closerHour,
      ElasticsearchClient elasticsearch, FlowAggregationSettings settings) throws Exception {
    Map<String, GroundTruth.Totals> indexed = new HashMap<>(IndexedFlows.elasticsearch(elasticsearch,
        settings.indexPrefix()));
    indexed.keySet().removeIf(id -> id.endsWith(closerHour));
    IndexedFlows.Committed committed = IndexedFlows.kafka(settings.kafka().clientProperties(), settings.aggregatesTopic());
    Map<String, GroundTruth.Totals> latest = new HashMap<>(committed.latest());
    latest.keySet().removeIf(id -> id.endsWith(closerHour));
    FlinkRest.CheckpointCounts checkpoints = rest.checkpoints(jobId);
    return new Report(List.copyOf(done), truth.size(), travellers(truth), indexed.size(), travellers(indexed),
        differing(indexed, truth), latest.size(), travellers(latest), differing(latest, truth),
        committed.repeatedCommits(), rest.restarts(jobId), checkpoints.completed(), checkpoints.failed());
  }

  private static long travellers(Map<String, GroundTruth.Totals> cells) {
    return cells.values().stream().mapToLong(GroundTruth.Totals::travellers).sum();
  }

  /** Cells missing, unexpected, or with other totals. */
  private static int differing(Map<String, GroundTruth.Totals> actual, Map<String, GroundTruth.Totals> expected) {
    int differing = 0;
    for (Map.Entry<String, GroundTruth.Totals> cell : expected.entrySet()) {
      if (!cell.getValue().equals(actual.get(cell.getKey()))) {
        differing++;
      }
    }
    for (String id : actual.keySet()) {
      if (!expected.containsKey(id)) {
        differing++;
      }
    }
    return differing;
  }

  private static <T> List<List<T>> slices(List<T> all, int count) {
    List<List<T>> slices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slices.add(all.subList(all.size() * i / count, all.size() * (i + 1) / count));
    }
    return slices;
  }
}
