package org.flowwatch.infra;

import java.util.Arrays;
import org.flowwatch.launcher.cluster.FlowwatchJob;

/** Where the job jars are: as the build makes them, and in the image (infra/kubernetes/Dockerfile). */
final class ImageJars {
  private ImageJars() {}

  static String path(FlowwatchJob job) {
    return "/opt/flink/usrlib/flowwatch-" + job.commandName() + ".jar";
  }

  /** The job jar the build makes, relative to the repository root. */
  static String built(FlowwatchJob job) {
    return "jobs/" + job.commandName() + "/target/flowwatch-" + job.commandName() + "-" + Project.version() + "-job.jar";
  }

  static FlowwatchJob byMainClass(String mainClass) {
    return Arrays.stream(FlowwatchJob.values()).filter(job -> job.mainClass().equals(mainClass)).findFirst()
        .orElseThrow(() -> new AssertionError("no flowwatch job has the main class " + mainClass));
  }
}
