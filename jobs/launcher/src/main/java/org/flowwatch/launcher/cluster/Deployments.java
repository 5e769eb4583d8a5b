package org.flowwatch.launcher.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What deploy, upgrade, savepoint and cancel share: finding a flowwatch job on a cluster and starting one. */
final class Deployments {
  /** How long a job may take from submission until every task runs (slots, state restore, RocksDB start-up). */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);

  private final FlinkRest rest;

  Deployments(FlinkRest rest) {
    this.rest = rest;
  }

  /** The job's one instance that has not ended, if any; two running at once is an error flowwatch never makes. */
  Optional<FlinkRest.JobOverview> live(FlowwatchJob job) throws ClusterException {
    List<FlinkRest.JobOverview> live = rest.jobs().stream()
        .filter(overview -> overview.name().equals(job.flinkName()) && !overview.terminal()).toList();
    if (live.size() > 1) {
      throw new ClusterException("Flink at " + rest.url() + " runs " + live.size() + " instances of " + job.commandName()
          + " (" + live.stream().map(FlinkRest.JobOverview::id).toList() + "); cancel all but one");
    }
    return live.stream().findFirst();
  }

  FlinkRest.JobOverview requireLive(FlowwatchJob job) throws ClusterException {
    return live(job).orElseThrow(() -> new ClusterException(job.commandName() + " is not running on Flink at "
        + rest.url() + "; deploy it with ./flowwatch deploy " + job.commandName()));
  }

  /** Uploads the jar, runs it (from a savepoint if given) and waits until every task of the job runs. */
  FlinkRest.JobOverview start(FlowwatchJob job, Path jar, List<String> options, Optional<String> savepoint)
      throws ClusterException {
    String jarId = rest.uploadJar(jar);
    String jobId = rest.runJar(jarId, options, savepoint);
    return rest.awaitState(jobId, START_TIMEOUT, "RUNNING");
  }
}
