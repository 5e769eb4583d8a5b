package org.flowwatch.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./flowwatch bench}: produces N border crossings into Kafka, then measures, in the same run and on the same
 * topic, (a) the raw rate at which Flink consumes and decodes them (KafkaSource + Avro decode into a discarding sink)
 * and (b) the flow aggregation job end to end with checkpointing on (validation, dedup, hourly and daily windows,
 * roll-ups, suppression, Elasticsearch and transactional Kafka sinks). Each rate is N divided by Flink's net job runtime
 * less the runtime of the same job over an empty topic (start-up and shut-down, which would otherwise dominate short
 * runs); medians over the repeats. The crossings span one day, as a border-post network with millions of registrations
 * a day produces them. A figure, never a test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure end-to-end events/s of the flow aggregation job against raw Kafka consume+decode.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "2000000", description = "Crossings to produce (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--repeats", defaultValue = "3", description = "Runs of each measurement (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", defaultValue = "1",
      description = "Runs of each measurement before the measured ones, to let the JIT compile the hot path (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "10 s",
      description = "Checkpoint interval of the end-to-end job (default: ${DEFAULT-VALUE}).")
  String checkpointInterval;

  @Mixin
  ServerOptions.Kafka kafka;

  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Override
  public Integer call() throws Exception {
    String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = "flowwatch." + run + ".crossings";
    String empty = "flowwatch." + run + ".empty";
    System.out.println(Machine.describe());
    System.out.printf("producing %,d crossings into %s ...%n", events, topic);
    KafkaTopics.createIfMissing(kafka.connection(), List.of(TopicSpec.of(topic, 4), TopicSpec.of(empty, 4)));
    long produceMillis = produce(topic);
    System.out.printf("produced in %.1f s (%,.0f events/s)%n", produceMillis / 1000.0, events * 1000.0 / produceMillis);

    long rawOverhead = rawConsumeAndDecode(empty, run + "-raw-empty");
    long endToEndOverhead = endToEnd(empty, run + "-e2e-empty");
    System.out.printf("start-up and shut-down over an empty topic: raw %.1f s, end to end %.1f s%n",
        rawOverhead / 1000.0, endToEndOverhead / 1000.0);
    for (int i = 1; i <= warmup; i++) {
      System.out.printf("warm-up %d: raw %,.0f events/s, end to end %,.0f events/s (not counted)%n", i,
          rate(rawConsumeAndDecode(topic, run + "-raw-warmup-" + i), rawOverhead),
          rate(endToEnd(topic, run + "-e2e-warmup-" + i), endToEndOverhead));
    }
    List<Double> raw = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    for (int i = 1; i <= repeats; i++) {
      long rawMillis = rawConsumeAndDecode(topic, run + "-raw-" + i);
      raw.add(rate(rawMillis, rawOverhead));
      System.out.printf("run %d: raw consume+decode %,12.0f events/s (job %.1f s)%n", i, raw.get(i - 1), rawMillis / 1000.0);
      long endToEndMillis = endToEnd(topic, run + "-e2e-" + i);
      endToEnd.add(rate(endToEndMillis, endToEndOverhead));
      System.out.printf("run %d: end to end         %,12.0f events/s (job %.1f s)%n", i, endToEnd.get(i - 1),
          endToEndMillis / 1000.0);
    }
    double rawMedian = median(raw);
    double e2eMedian = median(endToEnd);
    System.out.printf("%nmedian over %d runs of %,d events, parallelism %d:%n", repeats, events, parallelism);
    System.out.printf("  raw Kafka consume+decode: %,12.0f events/s%n", rawMedian);
    System.out.printf("  flow aggregation e2e:     %,12.0f events/s (checkpointing every %s)%n", e2eMedian, checkpointInterval);
    System.out.printf("  ratio e2e / raw:          %11.0f%%%n", 100 * e2eMedian / rawMedian);
    KafkaTopics.deleteIfPresent(kafka.connection(), List.of(topic, empty));
    return 0;
  }

  private double rate(long jobMillis, long overheadMillis) {
    return events * 1000.0 / Math.max(1, jobMillis - overheadMillis);
  }

  private long produce(String topic) {
    AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    CrossingGenerator generator = new CrossingGenerator(42L);
    // One day of traffic ending a week ago: every window closes, none is in the future.
    Instant to = Instant.now().minus(java.time.Duration.ofDays(7));
    Instant from = to.minus(java.time.Duration.ofDays(1));
    Properties properties = kafka.connection().clientProperties();
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 50);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < events; i++) {
        CheckpointCrossing crossing = generator.crossing(i, events, from, to);
        producer.send(new ProducerRecord<>(topic, (int) (i % 4), crossing.getCrossedAt().toEpochMilli(),
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

  private Configuration clusterConfiguration() throws Exception {
    Configuration configuration = FlowAggregationJob.environmentConfiguration();
    configuration.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    // Deduplication state of millions of ids exceeds what the JobManager may hold: checkpoint to local files.
    Path checkpoints = Files.createTempDirectory("flowwatch-bench-checkpoints");
    configuration.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    return configuration;
  }

  private FlowAggregationSettings settings(String topic, String run) {
    Configuration configuration = new Configuration();
    configuration.addAll(kafka.configuration());
    configuration.addAll(elasticsearch.configuration());
    configuration.set(FlowAggregationOptions.CROSSINGS_TOPIC, topic);
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
    return FlowAggregationSettings.from(configuration);
  }

  private long rawConsumeAndDecode(String topic, String run) throws Exception {
    FlowAggregationSettings settings = settings(topic, run);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(clusterConfiguration());
    env.setParallelism(parallelism);
    env.fromSource(FlowAggregationConnectors.inputSource(settings, topic, SourceKind.BORDER_CROSSING),
            WatermarkStrategy.noWatermarks(), "crossings")
        .sinkTo(new DiscardingSink<>());
    JobExecutionResult result = env.execute("bench: raw consume+decode");
    return result.getNetRuntime();
  }

  private long endToEnd(String topic, String run) throws Exception {
    FlowAggregationSettings settings = settings(topic, run);
    List<TopicSpec> outputs = FlowAggregationConnectors.topics(settings).stream()
        .filter(spec -> !spec.name().equals(topic)).toList();
    KafkaTopics.createIfMissing(kafka.connection(), outputs);
    try (var transport = ElasticsearchClients.transport(elasticsearch.connection())) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(clusterConfiguration());
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
    JobExecutionResult result = env.execute("bench: flow aggregation end to end");
    KafkaTopics.deleteIfPresent(kafka.connection(), outputs.stream().map(TopicSpec::name).toList());
    return result.getNetRuntime();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
