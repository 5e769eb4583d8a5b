package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.testing.OperatorIds;
import org.junit.jupiter.api.Test;

/** Every operator of the real job has a uid, and every uid a release ever had is still there (its state restores). */
class OperatorIdsTest {
  @Test
  void everyOperatorKeepsItsCommittedUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationSettings settings = FlowAggregationSettings.defaults();
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));

    assertThat(OperatorIds.of(env)).containsAll(OperatorIds.committed(Path.of("src/test/resources/operator-uids.txt")));
    assertThat(env.getConfig().getMaxParallelism()).isEqualTo(JobEnvironment.MAX_PARALLELISM);
  }

  @Test
  void anOperatorWithoutUidIsRefused() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    env.fromData(1, 2).uid("numbers").map(n -> n + 1).sinkTo(new DiscardingSink<>()).uid("discard");

    assertThatThrownBy(() -> OperatorIds.of(env)).hasMessageContaining("UID");
  }
}
