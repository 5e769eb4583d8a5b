package org.flowwatch.launcher.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.flowaggregation.migration.StateMigration060;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./flowwatch migrate-state flow-aggregation --from-savepoint DIR --to DIR [job options]}: an offline state
 * migration, run in this process's own Flink MiniCluster with the State Processor API (no cluster is contacted).
 */
@Command(name = "migrate-state", mixinStandardHelpOptions = true,
    description = {"Migrate a savepoint of an earlier release into one the current code restores (offline, in this "
        + "process); prints what was carried over.",
        "flow-aggregation: from 0.6.0 (validate-and-enrich, drop-duplicates, hourly-flows) to 0.7.0's "
            + "hourly-point-flows. Give the job's options it ran with (--window.allowed-lateness in particular: the "
            + "migration refuses a savepoint whose timers do not fit it). Then deploy from the migrated savepoint "
            + "(docs/operations/deployment.md)."})
public final class MigrateStateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", description = "flow-aggregation (the only job with a migration).")
  String job;

  @Parameters(index = "1..*", paramLabel = "JOB-OPTION", description = "The job's options, as --key value pairs.")
  List<String> jobOptions = new ArrayList<>();

  @Option(names = "--from-savepoint", required = true, paramLabel = "DIR",
      description = "The savepoint to migrate (a directory with _metadata, or a file:// URI); it is only read.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "DIR",
      description = "Where the migrated savepoint goes: a new or empty directory.")
  String to;

  @Option(names = "--migration-parallelism", paramLabel = "N", defaultValue = "2",
      description = "Parallelism of the migration's own job (default: ${DEFAULT-VALUE}); the savepoint restores at "
          + "any parallelism up to 128 all the same.")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    FlowwatchJob flowwatchJob = FlowwatchJob.named(job);
    if (flowwatchJob != FlowwatchJob.FLOW_AGGREGATION) {
      throw new IllegalArgumentException(job + " has no state migration: its savepoints restore as they are");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--migration-parallelism must be at least 1, was " + parallelism);
    }
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        JobArguments.parse(jobOptions.toArray(String[]::new), FlowAggregationOptions.ALL));
    StateMigration060.Summary summary = StateMigration060.migrate(local(from, "--from-savepoint"),
        local(to, "--to"), settings, parallelism);
    System.out.println(summary);
    System.out.println("start the job from it: ./flowwatch deploy " + job + " --from-savepoint "
        + summary.savepoint().toUri() + " [job options]");
    return 0;
  }

  /** A local directory, given as a path or a file:// URI. */
  static Path local(String location, String option) {
    if (location.startsWith("file:")) {
      return Path.of(URI.create(location));
    }
    if (location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(option + " must be a local directory (a path or file:// URI), not "
          + location + ": copy the savepoint to this machine first");
    }
    return Path.of(location);
  }
}
