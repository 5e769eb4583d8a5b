package org.flowwatch.jobs.surgedetection;

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
        SurgeDetectionJob.environmentConfiguration());
    SurgeDetectionSettings settings = SurgeDetectionSettings.defaults();
    SurgeDetectionJob.configure(env, settings);
    SurgeDetectionJob.defineTopology(env, settings, SurgeDetectionConnectors.real(settings));

    assertThat(OperatorIds.of(env)).containsAll(OperatorIds.committed(Path.of("src/test/resources/operator-uids.txt")));
    assertThat(env.getConfig().getMaxParallelism()).isEqualTo(JobEnvironment.MAX_PARALLELISM);
  }
}
