package org.flowwatch.launcher.cluster;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the Flink cluster is, and the checkout whose job jars are deployed by default. */
public final class ClusterOptions {
  @Option(names = "--cluster", paramLabel = "URL", defaultValue = "${env:FLOWWATCH_FLINK_URL:-http://127.0.0.1:8081}",
      description = "REST URL of the Flink cluster (default: $FLOWWATCH_FLINK_URL or http://127.0.0.1:8081, the "
          + "cluster of ./flowwatch cluster start).")
  String url;

  public String url() {
    return url;
  }

  public FlinkRest rest() {
    return new FlinkRest(url);
  }

  /** The checkout the ./flowwatch script runs from (it sets FLOWWATCH_HOME), else the working directory. */
  public static Path checkout() {
    return Path.of(Optional.ofNullable(System.getenv("FLOWWATCH_HOME")).orElse("."));
  }
}
