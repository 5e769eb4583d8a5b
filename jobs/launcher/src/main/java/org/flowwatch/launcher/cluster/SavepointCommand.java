package org.flowwatch.launcher.cluster;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./flowwatch savepoint JOB}: a savepoint of a running job, which keeps running. */
@Command(name = "savepoint", mixinStandardHelpOptions = true,
    description = "Take a savepoint (canonical format) of a running job, which keeps running; prints its path.")
public final class SavepointCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", description = "flow-aggregation, surge-detection or alert-delivery.")
  String job;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--target-directory", paramLabel = "DIR",
      description = "Where to write it (default: the cluster's execution.checkpointing.savepoint-dir).")
  String targetDirectory;

  @Override
  public Integer call() throws Exception {
    FlinkRest rest = cluster.rest();
    FlinkRest.JobOverview running = new Deployments(rest).requireLive(FlowwatchJob.named(job));
    String path = rest.savepoint(running.id(), Optional.ofNullable(targetDirectory), false, Deployments.SAVEPOINT_TIMEOUT);
    System.out.println(path);
    return 0;
  }
}
