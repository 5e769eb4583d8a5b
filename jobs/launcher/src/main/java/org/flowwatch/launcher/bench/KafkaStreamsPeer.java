package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer (d), key {@code kafka-streams}: flowwatch's flow aggregation hot path as a Kafka Streams application
 * ({@link KafkaStreamsTopology}) with {@code processing.guarantee=exactly_once_v2}, one stream thread per unit of the
 * run's parallelism, and a commit interval equal to the run's checkpoint interval. The application id is the run
 * name; its state directory is a temporary directory deleted afterwards, and its internal topics, consumer group and
 * output topic are deleted after each run.
 *
 * <p>The same as flowwatch: the same Kafka input read from its start (read_committed, as exactly-once implies); each
 * value decoded with flowwatch's {@code AvroCodec}; event time from the crossing time; each (checkpoint, id) counted
 * once, remembered until stream time passes its hour plus the job's allowed lateness (default 3 days), as flowwatch
 * forgets an id when the watermark passes its hour's end plus that lateness; hourly UTC windows per (checkpoint,
 * direction, nationality) with travellers, the men/women/boys/girls/unspecified split, children under five, elderly and
 * record count, taking records until stream time passes the window's end plus the allowed lateness (its grace period),
 * as flowwatch takes late records for that long; the FlowAggregate record flowwatch writes, keyed by its document id,
 * to a Kafka topic of this run, exactly once (transactions committed with the input offsets).
 *
 * <p>Results are emitted on update (Kafka Streams' default, through its record cache: a window's latest result at each
 * commit), neither suppressed nor emit-final; the last record of a key is the window's count, as flowwatch's highest
 * revision is. Both final-only choices were tried and fail on this input: Kafka Streams has no watermark, its stream
 * time is the largest timestamp a task has seen, and each repartition interleaves batches of several hours of crossing
 * time from the upstream tasks; with a grace period of the job's out-of-orderness (5 min), windows closed early and, in
 * a trial, 93% of 20,000 crossings were dropped as late; with a grace period of the allowed lateness, no window of a
 * day of input ever closes and nothing would be written. Flowwatch emits a window once when its watermark (the minimum
 * over all inputs) passes the end, then a new revision per late record; here every result carries revision 1.
 *
 * <p>What it does not do, so the comparison stays honest: no validation or rejects (an undecodable value stops the
 * application), no reference data (route, region, coordinates), no duplicates index, no revision numbers, no daily
 * windows, no route roll-ups, no published view, no Elasticsearch (flowwatch writes internal and published indices).
 * Copies of a (checkpoint, id) are recognised within the hour of their crossing time (a resend repeats the record).
 *
 * <p>Measured: from creating the application to the moment every input record has been processed by every sub-topology
 * and committed, read from the committed offsets of the application's consumer group against the end offsets of its
 * source topics ({@link StreamsProgress}); for the empty topic, the time to reach RUNNING. Closing and cleaning up are
 * not measured. With exactly-once, a sub-topology sees what the one upstream wrote only once that one has committed, so
 * on a small input the three sub-topologies add up to about three commit intervals; a Flink job's operators exchange
 * records directly and commit only its sink on checkpoints.
 */
final class KafkaStreamsPeer implements Contender {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsPeer.class);
  /** Give up on a run that has not caught up after this long. */
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final long POLL_MILLIS = 100;

  private final BenchRun run;

  KafkaStreamsPeer(BenchRun run) {
    this.run = run;
  }

  @Override
  public String key() {
    return "kafka-streams";
  }

  @Override
  public String description() {
    return "Kafka Streams: exactly_once_v2, window-store dedup, hourly windows emitted on update, "
        + run.parallelism() + " threads, commit every " + run.checkpointInterval();
  }

  /** The application's configuration; {@code runName} is its application id. */
  static Properties config(BenchRun run, String runName, Path stateDir) {
    Properties properties = run.kafka().clientProperties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, runName);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, run.parallelism());
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        TimeUtils.parseDuration(run.checkpointInterval()).toMillis());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // As flowwatch's transactional sinks: a transaction may stay open longer than Kafka Streams' default 10 s.
    properties.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) ExactlyOnceKafkaSinks.TRANSACTION_TIMEOUT.toMillis());
    return properties;
  }

  static String outputTopic(String runName) {
    return "flowwatch." + runName + ".aggregates";
  }

  @Override
  public long run(String topic, long events, String runName) throws Exception {
    FlowAggregationSettings settings = run.flowAggregation(topic, runName, new Configuration());
    String output = outputTopic(runName);
    KafkaTopics.createIfMissing(run.kafka(), List.of(TopicSpec.of(output, 2)));
    Path stateDir = Files.createTempDirectory("flowwatch-bench-streams");
    Properties adminProperties = run.kafka().clientProperties();
    adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    KafkaStreams streams = null;
    try (Admin admin = Admin.create(adminProperties)) {
      try {
        long started = System.nanoTime();
        Topology topology = KafkaStreamsTopology.build(topic, output, settings.allowedLateness());
        streams = new KafkaStreams(topology, config(run, runName, stateDir));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(error -> {
          failure.compareAndSet(null, error);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
        streams.start();
        StreamsProgress progress = new StreamsProgress(admin, runName,
            List.of(KafkaStreamsTopology.sourceTopics(runName, topic)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events == 0 ? !running.await(POLL_MILLIS, TimeUnit.MILLISECONDS) : !progress.caughtUp()) {
          if (failure.get() != null) {
            throw new IllegalStateException("kafka-streams peer failed: " + failure.get(), failure.get());
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("kafka-streams peer: not done after " + TIMEOUT.toMinutes()
                + " min, state " + streams.state());
          }
          if (events != 0) {
            Thread.sleep(POLL_MILLIS);
          }
        }
        return (System.nanoTime() - started) / 1_000_000;
      } finally {
        if (streams != null) {
          boolean closed = streams.close(CloseOptions
              .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofMinutes(1)));
          if (closed) {
            streams.cleanUp();
          } else {
            LOG.warn("kafka-streams peer: application {} did not close within a minute", runName);
          }
        }
        cleanUp(admin, runName, topic, output);
        deleteRecursively(stateDir);
      }
    }
  }

  /** Deletes the application's internal topics, its consumer group and its output topic; nothing else. */
  private void cleanUp(Admin admin, String applicationId, String input, String output) {
    try {
      List<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(name -> !name.equals(input) && KafkaStreamsTopology.isInternalTopic(applicationId, name))
          .toList();
      KafkaTopics.deleteIfPresent(run.kafka(), Stream.concat(internal.stream(), Stream.of(output)).toList());
      admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("kafka-streams peer: could not clean up after application {}: {}", applicationId, e.toString());
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
