package org.flowwatch.launcher.bench;

import java.util.List;
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
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.localCluster());
      FlowAggregationJob.configure(env, settings);
      FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
      return env.execute("bench: flow aggregation end to end").getNetRuntime();
    } finally {
      KafkaTopics.deleteIfPresent(run.kafka(), outputs.stream().map(TopicSpec::name).toList());
    }
  }
}
