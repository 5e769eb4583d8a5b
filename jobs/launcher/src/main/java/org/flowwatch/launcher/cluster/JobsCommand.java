package org.flowwatch.launcher.cluster;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./flowwatch jobs}: the flowwatch jobs on a Flink cluster. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "List the flowwatch jobs on a Flink cluster: name, id, state, running tasks, start time (UTC).")
public final class JobsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--all", description = "Also jobs that have ended (finished, cancelled, failed).")
  boolean all;

  @Override
  public Integer call() throws Exception {
    System.out.printf("%-18s %-32s %-12s %-7s %s%n", "JOB", "ID", "STATE", "TASKS", "STARTED");
    for (FlinkRest.JobOverview job : cluster.rest().jobs()) {
      if (job.terminal() && !all) {
        continue;
      }
      String name = Arrays.stream(FlowwatchJob.values()).filter(known -> known.flinkName().equals(job.name()))
          .map(FlowwatchJob::commandName).findFirst().orElse(job.name());
      System.out.printf("%-18s %-32s %-12s %-7s %s%n", name, job.id(), job.state(),
          job.runningTasks() + "/" + job.totalTasks(), TIME.format(job.started()));
    }
    return 0;
  }
}
