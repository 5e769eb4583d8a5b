package org.flowwatch.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;

/**
 * What every measurement of one bench run shares: the servers, the run's parameters and name, the input topic of
 * border crossings, and the way a local Flink cluster and the flow aggregation job are configured.
 */
public final class BenchRun {
  public static final int INPUT_PARTITIONS = 4;

  private final String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  private final Configuration kafka;
  private final Configuration elasticsearch;
  private final KafkaConnection kafkaConnection;
  private final ElasticsearchConnection elasticsearchConnection;
  private final long events;
  private final int parallelism;
  private final int repeats;
  private final int warmup;
  private final String checkpointInterval;

  public BenchRun(Configuration kafka, KafkaConnection kafkaConnection, Configuration elasticsearch,
      ElasticsearchConnection elasticsearchConnection, long events, int parallelism, int repeats, int warmup,
      String checkpointInterval) {
    this.kafka = kafka;
    this.kafkaConnection = kafkaConnection;
    this.elasticsearch = elasticsearch;
    this.elasticsearchConnection = elasticsearchConnection;
    this.events = events;
    this.parallelism = parallelism;
    this.repeats = repeats;
    this.warmup = warmup;
    this.checkpointInterval = checkpointInterval;
  }

  public String name() { return name; }
  public long events() { return events; }
  public int parallelism() { return parallelism; }
  public int repeats() { return repeats; }
  public int warmup() { return warmup; }
  public String checkpointInterval() { return checkpointInterval; }
  public KafkaConnection kafka() { return kafkaConnection; }
  public ElasticsearchConnection elasticsearch() { return elasticsearchConnection; }

  /** A topic or index name unique to this run. */
  public String topic(String purpose) {
    return "flowwatch." + name + "." + purpose;
  }

  /**
   * Produces {@code count} border crossings spread evenly over [{@code from}, {@code to}) into {@code topic}
   * ({@link #INPUT_PARTITIONS} partitions, keyed by checkpoint); returns the milliseconds it took.
   */
  public long produceCrossings(String topic, long count, Instant from, Instant to) {
    AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    CrossingGenerator generator = new CrossingGenerator(42L);
    Properties properties = producerProperties(50, 512 * 1024);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        CheckpointCrossing crossing = generator.crossing(i, count, from, to);
        producer.send(new ProducerRecord<>(topic, (int) (i % INPUT_PARTITIONS), crossing.getCrossedAt().toEpochMilli(),
            crossing.getCheckpointCode(), codec.encode(crossing)), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused benchmark events: " + failure.get().getMessage(), failure.get());
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Producer settings of the bench's writers: batched and lz4-compressed, as a high-volume registry feed sends. */
  public Properties producerProperties(int lingerMillis, int batchBytes) {
    Properties properties = kafkaConnection.clientProperties();
    properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return properties;
  }

  /** One day of traffic ending a week ago: every window closes, none is in the future. */
  public static Instant[] lastWeeksDay() {
    Instant to = Instant.now().minus(Duration.ofDays(7));
    return new Instant[] {to.minus(Duration.ofDays(1)), to};
  }

  /** The configuration of a local Flink cluster, one slot per unit of parallelism, checkpointing into {@code checkpoints}. */
  public Configuration localCluster(Path checkpoints) {
    Configuration configuration = JobEnvironment.configuration();
    configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    // Deduplication state of millions of ids exceeds what the JobManager may hold: checkpoint to local files.
    configuration.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    return configuration;
  }

  /** The flow aggregation job's settings reading {@code crossingsTopic}, with outputs named after {@code run}. */
  public FlowAggregationSettings flowAggregation(String crossingsTopic, String run, Configuration overrides) {
    Configuration configuration = new Configuration();
    configuration.addAll(kafka);
    configuration.addAll(elasticsearch);
    configuration.set(FlowAggregationOptions.CROSSINGS_TOPIC, crossingsTopic);
    configuration.set(FlowAggregationOptions.OBSERVATIONS_TOPIC, "flowwatch." + run + ".observations");
    configuration.set(FlowAggregationOptions.REFERENCE_TOPIC, "flowwatch." + run + ".points");
    configuration.set(FlowAggregationOptions.AGGREGATES_TOPIC, "flowwatch." + run + ".aggregates");
    configuration.set(FlowAggregationOptions.REJECTED_TOPIC, "flowwatch." + run + ".rejected");
    configuration.set(FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX, run);
    configuration.set(FlowAggregationOptions.GROUP_ID, run);
    configuration.set(FlowAggregationOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
    configuration.set(FlowAggregationOptions.BOUNDED, true);
    configuration.set(FlowAggregationOptions.INDEX_PREFIX, "flowwatch-flows-" + run);
    configuration.set(FlowAggregationOptions.PARALLELISM, parallelism);
    configuration.setString(FlowAggregationOptions.CHECKPOINT_INTERVAL.key(), checkpointInterval);
    configuration.addAll(overrides);
    return FlowAggregationSettings.from(configuration);
  }

  /**
   * The settings of a flow aggregation job that a measurement feeds while it runs: unbounded, and with every output
   * (topics and indices, the points, rejected and duplicates indices included) named after {@code run}, so that the
   * measurement can watch them and delete them afterwards.
   */
  public FlowAggregationSettings watchedFlowAggregation(String crossingsTopic, String run, Configuration overrides) {
    Configuration configuration = new Configuration();
    configuration.set(FlowAggregationOptions.BOUNDED, false);
    configuration.set(FlowAggregationOptions.POINTS_INDEX, "flowwatch-points-" + run);
    configuration.set(FlowAggregationOptions.REJECTED_INDEX, "flowwatch-rejected-" + run);
    configuration.set(FlowAggregationOptions.DUPLICATES_INDEX, "flowwatch-duplicates-" + run);
    configuration.addAll(overrides);
    return flowAggregation(crossingsTopic, run, configuration);
  }

  /** Events per second of a job that took {@code jobMillis}, less {@code overheadMillis} of start-up and shut-down. */
  public double rate(long jobMillis, long overheadMillis) {
    return events * 1000.0 / Math.max(1, jobMillis - overheadMillis);
  }

  public static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
