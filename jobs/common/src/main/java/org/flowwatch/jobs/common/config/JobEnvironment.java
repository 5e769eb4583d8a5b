package org.flowwatch.jobs.common.config;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;

/** The execution set-up every flowwatch job shares, declared once so that the jobs cannot drift apart. */
public final class JobEnvironment {
  private JobEnvironment() {}

  /**
   * Keyed state is split into this many key groups, whatever the parallelism. It is part of every savepoint: changing
   * it makes all keyed state unrestorable, so it is fixed here for every job and every release
   * (docs/operations/deployment.md). 128 allows rescaling each operator up to 128 parallel instances.
   */
  public static final int MAX_PARALLELISM = 128;

  /**
   * Job-wide settings: no Kryo fallback for our types, and no generated operator ids: every operator must carry the
   * {@code .uid()} its state is saved under, so that a savepoint of one release restores into the next.
   */
  public static Configuration configuration() {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    configuration.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    configuration.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
    return configuration;
  }

  /** How long the start-up check waits for each server. */
  private static final Duration SERVER_CHECK_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Connects to Kafka and Elasticsearch once before the job is submitted, so that wrong credentials or certificates
   * fail the start with a message naming the option to fix: the running job would only restart (Kafka) or retry
   * (Elasticsearch) forever.
   */
  /**
   * What each job's main does: parse and check its options (an error names the option), check that Kafka and
   * Elasticsearch answer with the configured credentials, configure the environment, record the options, define the
   * topology with the real connectors and submit it.
   */
  public static <S extends JobBasics> void run(String jobName, String[] args, List<ConfigOption<?>> declared,
      Function<Configuration, S> settingsOf, BiConsumer<StreamExecutionEnvironment, S> topology) throws Exception {
    Configuration options = JobArguments.parse(args, declared);
    S settings = settingsOf.apply(options);
    checkServers(settings.kafka(), settings.elasticsearch());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    configure(env, settings.parallelism(), settings.checkpoints());
    recordOptions(env, options);
    topology.accept(env, settings);
    env.execute(jobName);
  }

  public static void checkServers(KafkaConnection kafka, ElasticsearchConnection elasticsearch) {
    kafka.verify(SERVER_CHECK_TIMEOUT);
    elasticsearch.verify();
  }

  /**
   * Records the options a job was started with as its global job parameters: the web UI shows them and
   * {@code ./flowwatch upgrade} reads them back (REST /jobs/:id/config) to restart the job with the same options.
   * Options hold no secrets: those are read from files or the environment.
   */
  public static void recordOptions(StreamExecutionEnvironment env, Configuration options) {
    env.getConfig().setGlobalJobParameters(options);
  }

  /**
   * Parallelism and exactly-once checkpoints with explicit bounds: an Elasticsearch outage holds checkpoints back (the
   * sink waits for its bulk in flight), and each one the outage outlasts expires after {@code timeout} and counts as
   * failed; the job rides out {@code tolerableFailures} of them in a row before it restarts.
   */
  public static void configure(StreamExecutionEnvironment env, int parallelism, CheckpointSettings checkpoints) {
    env.setParallelism(parallelism);
    env.enableCheckpointing(checkpoints.interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    CheckpointConfig config = env.getCheckpointConfig();
    config.setCheckpointTimeout(checkpoints.timeout().toMillis());
    config.setTolerableCheckpointFailureNumber(checkpoints.tolerableFailures());
  }
}
