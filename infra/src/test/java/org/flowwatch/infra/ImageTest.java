package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** infra/kubernetes/Dockerfile builds on the Flink the jobs are compiled against and holds the built jars. */
class ImageTest {

  @Test
  void buildsOnTheOfficialFlinkImageOfTheProjectsFlinkVersion() {
    assertThat(Dockerfile.read().baseImage()).isEqualTo("flink:" + Project.property("flink.version") + "-java17");
  }

  @Test
  void holdsEveryJobsJarAndTheLauncherUnderFixedNames() {
    assertThat(Dockerfile.read().copiedFiles()).containsOnlyKeys(
        "/opt/flink/usrlib/flowwatch-flow-aggregation.jar", "/opt/flink/usrlib/flowwatch-surge-detection.jar",
        "/opt/flink/usrlib/flowwatch-alert-delivery.jar", "/opt/flowwatch/flowwatch-launcher.jar");
    for (FlowwatchJob job : FlowwatchJob.values()) {
      assertThat(Dockerfile.read().copiedFiles()).containsEntry(ImageJars.path(job), ImageJars.built(job));
    }
  }
}
