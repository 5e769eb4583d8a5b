package org.flowwatch.launcher.cluster;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --jar}: the job jar to run, by default the one this checkout built. */
public final class JobJarOption {
  @Option(names = "--jar", paramLabel = "PATH",
      description = "The job jar (default: the one built in this checkout, jobs/JOB/target/*-job.jar).")
  Path jar;

  Path resolve(FlowwatchJob job) {
    return jar != null ? jar : job.builtJar(ClusterOptions.checkout());
  }
}
