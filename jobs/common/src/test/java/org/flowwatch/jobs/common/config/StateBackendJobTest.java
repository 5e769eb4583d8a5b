package org.flowwatch.jobs.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyed job configured by {@link JobEnvironment#configure} runs and checkpoints with the state backend the
 * {@code state.backend} option chose: its checkpoints hold the keyed state as that backend writes it (RocksDB: an
 * incremental handle of SST files; the heap: key-group streams).
 */
class StateBackendJobTest {
  private static final Duration WAIT = Duration.ofMinutes(2);

  @TempDir
  Path checkpoints;

  @Test
  void shouldRunAndCheckpointAKeyedJobInRocksDbWithIncrementalCheckpoints() throws Exception {
    List<KeyedStateHandle> keyedState = runUntilCheckpointed(Map.of("state.backend", "rocksdb"));

    assertThat(keyedState).isNotEmpty().allSatisfy(handle ->
        assertThat(handle).isInstanceOf(IncrementalRemoteKeyedStateHandle.class));
  }

  @Test
  void shouldRunAndCheckpointAKeyedJobInForstWithIncrementalCheckpoints() throws Exception {
    List<KeyedStateHandle> keyedState = runUntilCheckpointed(Map.of("state.backend", "forst"));

    assertThat(keyedState).isNotEmpty().allSatisfy(handle ->
        assertThat(handle).isInstanceOf(IncrementalRemoteKeyedStateHandle.class));
  }

  @Test
  void shouldKeepTheHeapBackendWhenTheOptionIsHashmap() throws Exception {
    List<KeyedStateHandle> keyedState = runUntilCheckpointed(Map.of("state.backend", "hashmap"));

    assertThat(keyedState).isNotEmpty().allSatisfy(handle ->
        assertThat(handle).isNotInstanceOf(IncrementalRemoteKeyedStateHandle.class));
  }

  /**
   * Runs a keyed counting job (options as a job's main gets them) until two checkpoints completed, and returns the
   * keyed state handles of the latest one, read back from its metadata file.
   */
  private List<KeyedStateHandle> runUntilCheckpointed(Map<String, String> options) throws Exception {
    String[] args = java.util.stream.Stream.concat(Map.of("checkpoint.interval", "200 ms").entrySet().stream(),
            options.entrySet().stream())
        .flatMap(option -> java.util.stream.Stream.of("--" + option.getKey(), option.getValue()))
        .toArray(String[]::new);
    CheckpointSettings chosen = CheckpointSettings.from(JobArguments.parse(args,
        JobEnvironment.withEnvironmentOptions(CommonOptions.CHECKPOINTS)));

    Configuration cluster = new Configuration();
    cluster.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    cluster.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 20);
    try (MiniCluster miniCluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(cluster)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build())) {
      miniCluster.start();
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(JobEnvironment.configuration());
      JobEnvironment.configure(env, 2, chosen);
      env.fromSource(new DataGeneratorSource<>(index -> index, Long.MAX_VALUE, RateLimiterStrategy.perSecond(2_000),
              Types.LONG), WatermarkStrategy.noWatermarks(), "numbers").uid("numbers")
          .keyBy(number -> number % 100, Types.LONG)
          .process(new SumPerKey(), Types.LONG).uid("sum-per-key")
          .sinkTo(new DiscardingSink<>()).uid("discard");
      JobGraph job = env.getStreamGraph().getJobGraph(getClass().getClassLoader(), null);
      JobID id = miniCluster.submitJob(job).get(1, TimeUnit.MINUTES).getJobID();
      try {
        CompletedCheckpointStats latest = awaitCheckpoints(miniCluster, id, 2);
        Path metadata = Path.of(java.net.URI.create(latest.getExternalPath())).resolve("_metadata");
        if (!Files.exists(metadata)) {
          metadata = Path.of(latest.getExternalPath().replaceFirst("^file:", "")).resolve("_metadata");
        }
        CheckpointMetadata read;
        try (InputStream in = Files.newInputStream(metadata)) {
          read = Checkpoints.loadCheckpointMetadata(new DataInputStream(in), getClass().getClassLoader(),
              latest.getExternalPath());
        }
        return read.getOperatorStates().stream()
            .map(OperatorState::getStates).flatMap(java.util.Collection::stream)
            .map(OperatorSubtaskState::getManagedKeyedState).flatMap(java.util.Collection::stream)
            .toList();
      } finally {
        miniCluster.cancelJob(id).get(1, TimeUnit.MINUTES);
      }
    }
  }

  private static CompletedCheckpointStats awaitCheckpoints(MiniCluster cluster, JobID id, int count) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(1, TimeUnit.MINUTES);
      assertThat(graph.getState().isGloballyTerminalState()).as("job ended: %s", graph.getFailureInfo()).isFalse();
      var snapshot = graph.getCheckpointStatsSnapshot();
      if (snapshot != null && snapshot.getCounts().getNumberOfCompletedCheckpoints() >= count) {
        return snapshot.getHistory().getLatestCompletedCheckpoint();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + count + " checkpoints completed within " + WAIT);
  }

  /** Keyed state that every checkpoint carries: a running sum per key. */
  private static final class SumPerKey extends KeyedProcessFunction<Long, Long, Long> {
    private transient ValueState<Long> sum;

    @Override
    public void open(OpenContext context) {
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
    }

    @Override
    public void processElement(Long number, Context context, Collector<Long> out) throws Exception {
      Long current = sum.value();
      long updated = (current == null ? 0 : current) + number;
      sum.update(updated);
      out.collect(updated);
    }
  }
}
