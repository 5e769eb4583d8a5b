package org.flowwatch.jobs.alertdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.testing.OperatorIds;
import org.junit.jupiter.api.Test;

/** Every operator of the real job has a uid, and every uid a release ever had is still there (its state restores). */
class OperatorIdsTest {
  @Test
  void everyOperatorKeepsItsCommittedUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        AlertDeliveryJob.environmentConfiguration());
    AlertDeliverySettings settings = AlertDeliverySettings.defaults();
    AlertDeliveryJob.configure(env, settings);
    AlertDeliveryJob.defineTopology(env, settings, AlertDeliveryConnectors.real(settings));

    assertThat(OperatorIds.of(env)).containsAll(OperatorIds.committed(Path.of("src/test/resources/operator-uids.txt")));
    assertThat(env.getConfig().getMaxParallelism()).isEqualTo(JobEnvironment.MAX_PARALLELISM);
  }
}
