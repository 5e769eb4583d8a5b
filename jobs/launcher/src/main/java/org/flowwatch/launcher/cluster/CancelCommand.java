package org.flowwatch.launcher.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ./flowwatch cancel JOB}: stops a job without a savepoint (its last checkpoints are retained). */
@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = {"Cancel a running job without a savepoint. The cluster keeps its last completed checkpoints "
        + "(RETAIN_ON_CANCELLATION): deploy --from-savepoint accepts their path. To stop with a savepoint, take one "
        + "first (./flowwatch savepoint JOB)."})
public final class CancelCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", description = "flow-aggregation, surge-detection or alert-delivery.")
  String job;

  @Mixin
  ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    FlinkRest rest = cluster.rest();
    FlinkRest.JobOverview running = new Deployments(rest).requireLive(FlowwatchJob.named(job));
    rest.cancel(running.id());
    rest.awaitState(running.id(), Duration.ofMinutes(2), "CANCELED");
    System.out.println("cancelled " + job + " (job " + running.id() + ") on " + cluster.url);
    return 0;
  }
}
