package org.flowwatch.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.schema.SourceKind;

/** The ceiling: the job's own Kafka source and decoding into a discarding sink, nothing else. */
final class RawConsumeAndDecode implements Contender {
  private final BenchRun run;

  RawConsumeAndDecode(BenchRun run) {
    this.run = run;
  }

  @Override
  public String key() {
    return "raw";
  }

  @Override
  public String description() {
    return "KafkaSource + Avro decode into a discarding sink (the ceiling)";
  }

  @Override
  public long run(String topic, long events, String runName) throws Exception {
    FlowAggregationSettings settings = run.flowAggregation(topic, runName, new Configuration());
    Path checkpoints = Files.createTempDirectory("flowwatch-bench-checkpoints");
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.localCluster(checkpoints));
      env.setParallelism(run.parallelism());
      env.fromSource(FlowAggregationConnectors.inputSource(settings, topic, SourceKind.BORDER_CROSSING),
              WatermarkStrategy.noWatermarks(), "crossings")
          .uid("bench-crossings").sinkTo(new DiscardingSink<>()).uid("bench-discard");
      return env.execute("bench: raw consume+decode").getNetRuntime();
    } finally {
      LocalFlowAggregation.deleteDirectory(checkpoints);
    }
  }
}
