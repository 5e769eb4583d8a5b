package org.flowwatch.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;

/**
 * The flow aggregation job end to end with its real sinks (Elasticsearch, transactional Kafka) and exactly-once
 * checkpoints; {@code overrides} select, for instance, the state backend.
 */
final class FlowwatchEndToEnd implements Contender {
  private final BenchRun run;
  private final String key;
  private final Configuration overrides;

  FlowwatchEndToEnd(BenchRun run, String key, Configuration overrides) {
    this.run = run;
    this.key = key;
    this.overrides = overrides;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String description() {
    return "flow aggregation job end to end, Elasticsearch + transactional Kafka sinks, checkpoints every "
        + run.checkpointInterval() + (overrides.keySet().isEmpty() ? "" : ", " + overrides);
  }

  @Override
  public long run(String topic, long events, String runName) throws Exception {
    FlowAggregationSettings settings = run.flowAggregation(topic, runName, overrides);
    List<TopicSpec> outputs = FlowAggregationConnectors.topics(settings).stream()
        .filter(spec -> !spec.name().equals(topic)).toList();
    KafkaTopics.createIfMissing(run.kafka(), outputs);
    try (var transport = ElasticsearchClients.transport(run.elasticsearch())) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
    Path checkpoints = Files.createTempDirectory("flowwatch-bench-checkpoints");
    // Samples the checkpoint directory while the job runs: a bounded job's checkpoints are gone once it finishes.
    AtomicLong largest = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        largest.accumulateAndGet(DirectorySize.bytes(checkpoints), Math::max);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-checkpoint-size");
    sampler.setDaemon(true);
    sampler.start();
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.localCluster(checkpoints));
      FlowAggregationJob.configure(env, settings);
      FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
      return env.execute("bench: flow aggregation end to end").getNetRuntime();
    } finally {
      sampler.interrupt();
      sampler.join();
      if (events > 0) {
        largestCheckpointBytes = largest.get();
      }
      LocalFlowAggregation.deleteDirectory(checkpoints);
      KafkaTopics.deleteIfPresent(run.kafka(), outputs.stream().map(TopicSpec::name).toList());
    }
  }

  private volatile long largestCheckpointBytes = -1;

  /**
   * The largest size of the checkpoint directory seen (sampled every second) during the last run over a non-empty
   * topic; -1 before one. Full checkpoints (hashmap) hold the whole state each time; incremental ones (RocksDB) the
   * SST files the latest checkpoint references, shared between checkpoints.
   */
  long largestCheckpointBytes() {
    return largestCheckpointBytes;
  }
}
