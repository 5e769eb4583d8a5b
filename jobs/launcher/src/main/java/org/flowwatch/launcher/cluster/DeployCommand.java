package org.flowwatch.launcher.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./flowwatch deploy JOB [job options]}: a job jar onto a Flink cluster through its REST API. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Upload a job's jar to a Flink cluster and start it (from a savepoint if given); waits until all "
        + "its tasks run and prints the job id.",
        "JOB is flow-aggregation, surge-detection or alert-delivery; the job's own options follow it "
            + "(--kafka.bootstrap-servers HOST:PORT ..., see docs/options.md); they are checked before the cluster "
            + "is contacted. Refuses to start a second instance of a running job: use upgrade."})
public final class DeployCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", description = "flow-aggregation, surge-detection or alert-delivery.")
  String job;

  @Parameters(index = "1..*", paramLabel = "JOB-OPTION", description = "The job's options, as --key value pairs.")
  List<String> jobOptions = new ArrayList<>();

  @Mixin
  ClusterOptions cluster;

  @Mixin
  JobJarOption jar;

  @Option(names = "--from-savepoint", paramLabel = "PATH",
      description = "Start from this savepoint or retained checkpoint; state no operator takes is refused, never dropped.")
  String savepoint;

  @Override
  public Integer call() throws Exception {
    FlowwatchJob flowwatchJob = FlowwatchJob.named(job);
    flowwatchJob.checkOptions(jobOptions);
    Deployments deployments = new Deployments(cluster.rest());
    Optional<FlinkRest.JobOverview> running = deployments.live(flowwatchJob);
    if (running.isPresent()) {
      throw new ClusterException(job + " already runs on Flink at " + cluster.url + " as job " + running.get().id()
          + " (" + running.get().state() + "); use ./flowwatch upgrade " + job + " to change it");
    }
    FlinkRest.JobOverview started = deployments.start(flowwatchJob,
        jar.resolve(flowwatchJob), jobOptions, Optional.ofNullable(savepoint));
    System.out.println("deployed " + job + " as job " + started.id() + " on " + cluster.url
        + savepointNote(savepoint) + " (web UI: " + cluster.url + "/#/job/running/" + started.id() + "/overview)");
    return 0;
  }

  static String savepointNote(String savepoint) {
    return savepoint == null ? "" : " from " + savepoint;
  }
}
