package org.flowwatch.jobs.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
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
    Configuration options = JobArguments.parse(args, withEnvironmentOptions(declared));
    S settings = settingsOf.apply(options);
    checkServers(settings.kafka(), settings.elasticsearch());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    configure(env, settings.parallelism(), settings.checkpoints());
    recordOptions(env, options);
    topology.accept(env, settings);
    env.execute(jobName);
  }

  /**
   * Options of the execution environment that every job takes, whether or not its own list declares them yet:
   * {@link CommonOptions#STATE_BACKEND}, read with the checkpoint options ({@link CheckpointSettings}).
   */
  public static final List<ConfigOption<?>> ENVIRONMENT_OPTIONS = List.of(CommonOptions.STATE_BACKEND);

  /** A job's declared options and the {@link #ENVIRONMENT_OPTIONS} it does not declare itself. */
  public static List<ConfigOption<?>> withEnvironmentOptions(List<ConfigOption<?>> declared) {
    List<ConfigOption<?>> all = new ArrayList<>(declared);
    for (ConfigOption<?> option : ENVIRONMENT_OPTIONS) {
      if (declared.stream().noneMatch(known -> known.key().equals(option.key()))) {
        all.add(option);
      }
    }
    return List.copyOf(all);
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
    checkpoints.chosenStateBackend().ifPresent(backend -> env.configure(stateBackendConfiguration(backend)));
  }

  /**
   * The Flink settings of a chosen state backend: {@code state.backend.type}, and incremental checkpoints for RocksDB
   * (off for the heap backend, which has none). They go into the job's own configuration, which wins over the
   * cluster's; a job that chooses none keeps the cluster's (infra/flink/config.yaml: rocksdb, incremental).
   */
  public static Configuration stateBackendConfiguration(StateBackendKind backend) {
    Configuration configuration = new Configuration();
    configuration.set(StateBackendOptions.STATE_BACKEND, backend.flinkName());
    configuration.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.incrementalCheckpoints());
    return configuration;
  }
}
