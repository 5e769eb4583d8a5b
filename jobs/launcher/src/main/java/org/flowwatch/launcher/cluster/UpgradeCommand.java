package org.flowwatch.launcher.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./flowwatch upgrade JOB [--jar PATH] [job options]}: a running job replaced by a new jar or new options,
 * carrying its state across through a savepoint, or refused while the old job still runs when the state would not
 * restore.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = {"Replace a running job by a new jar and/or options, keeping its state: takes a savepoint and checks "
        + "that the new job restores every piece of state from it (same operator uids, same max parallelism); if not, "
        + "refuses (exit code 3) and the old job keeps running. Otherwise stops the job with a savepoint and starts "
        + "the new one from it.",
        "The job keeps the options it was started with; options given here replace those with the same key "
            + "(e.g. --parallelism 3 rescales it)."})
public final class UpgradeCommand implements Callable<Integer> {
  static final int REFUSED = 3;

  @Parameters(index = "0", paramLabel = "JOB", description = "flow-aggregation, surge-detection or alert-delivery.")
  String job;

  @Parameters(index = "1..*", paramLabel = "JOB-OPTION", description = "Options to change, as --key value pairs.")
  List<String> changedOptions = new ArrayList<>();

  @Mixin
  ClusterOptions cluster;

  @Mixin
  JobJarOption jar;

  @Option(names = "--target-directory", paramLabel = "DIR",
      description = "Where to write the savepoints (default: the cluster's execution.checkpointing.savepoint-dir).")
  String targetDirectory;

  @Override
  public Integer call() throws Exception {
    FlowwatchJob flowwatchJob = FlowwatchJob.named(job);
    FlinkRest rest = cluster.rest();
    Deployments deployments = new Deployments(rest);
    FlinkRest.JobOverview running = deployments.requireLive(flowwatchJob);
    List<String> options = merged(rest.jobOptions(running.id()), changedOptions);
    flowwatchJob.checkOptions(options);
    Path newJar = jar.resolve(flowwatchJob);

    String check = rest.savepoint(running.id(), Optional.ofNullable(targetDirectory), false, Deployments.SAVEPOINT_TIMEOUT);
    List<String> problems = StateCompatibility.problems(check, newJar, options);
    if (!problems.isEmpty()) {
      System.err.println("refused: the new " + job + " would not restore the state of the running one (job "
          + running.id() + ", left running; its savepoint: " + check + "):");
      problems.forEach(problem -> System.err.println("  " + problem));
      return REFUSED;
    }

    String savepoint = rest.savepoint(running.id(), Optional.ofNullable(targetDirectory), true,
        Deployments.SAVEPOINT_TIMEOUT);
    System.out.println("stopped " + job + " (job " + running.id() + ") with savepoint " + savepoint);
    FlinkRest.JobOverview started;
    try {
      started = deployments.start(flowwatchJob, newJar, options, Optional.of(savepoint));
    } catch (ClusterException e) {
      throw new ClusterException(e.getMessage() + ". The old job is stopped and its state is in " + savepoint
          + ": start the previous version from it with ./flowwatch deploy " + job + " --jar OLD-JAR --from-savepoint "
          + savepoint);
    }
    System.out.println("upgraded " + job + ": job " + started.id() + " runs from " + savepoint + " with " + options);
    return 0;
  }

  /** The old options with the changed ones replacing those of the same key, in the order first given. */
  static List<String> merged(List<String> old, List<String> changed) {
    Map<String, String> options = new LinkedHashMap<>();
    put(options, old);
    put(options, changed);
    List<String> arguments = new ArrayList<>();
    options.forEach((key, value) -> {
      arguments.add(key);
      arguments.add(value);
    });
    return arguments;
  }

  private static void put(Map<String, String> options, List<String> pairs) {
    if (pairs.size() % 2 != 0) {
      throw new IllegalArgumentException("job options come in --key value pairs, got " + pairs);
    }
    for (int i = 0; i < pairs.size(); i += 2) {
      String key = pairs.get(i);
      if (!key.startsWith("--")) {
        throw new IllegalArgumentException("a job option starts with --, got '" + key + "'");
      }
      options.put(key, pairs.get(i + 1));
    }
  }
}
