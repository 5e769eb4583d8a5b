package org.flowwatch.launcher;

import java.util.List;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.launcher.cluster.CancelCommand;
import org.flowwatch.launcher.cluster.ClusterException;
import org.flowwatch.launcher.cluster.DeployCommand;
import org.flowwatch.launcher.cluster.JobsCommand;
import org.flowwatch.launcher.cluster.MigrateStateCommand;
import org.flowwatch.launcher.cluster.SavepointCommand;
import org.flowwatch.launcher.cluster.UpgradeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./flowwatch} command line: the demo and its tools, and deploying the jobs to a Flink cluster.
 */
@Command(name = "flowwatch", mixinStandardHelpOptions = true, version = "flowwatch 0.1.0",
    description = "Near-real-time migration flow monitoring on Flink, Kafka and Elasticsearch.",
    subcommands = {DemoCommand.class, ReplayCommand.class, DetectCommand.class, EvaluateCommand.class, DashboardsCommand.class, BenchCommand.class,
        SubscriptionsCommand.class, AlertsCommand.class, DeployCommand.class, JobsCommand.class, SavepointCommand.class,
        UpgradeCommand.class, MigrateStateCommand.class, CancelCommand.class, ChaosCommand.class, BoardCommand.class})
public final class FlowwatchCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line as {@link #main} runs it. Deploy and upgrade pass the job's own options (--kafka.bootstrap-servers
   * ...) through to the job, and migrate-state reads the job's settings from them, so for these commands options they
   * do not know are arguments, not errors. A cluster that refuses, or an option that is wrong (e.g. an unreadable trust
   * store, a refused password: exit code 2, like a usage error), is reported as one line naming the cluster or the
   * option, not as a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new FlowwatchCommand());
    // Enum option values as users type them (--measure latency,heap).
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    for (String passesJobOptions : List.of("deploy", "upgrade", "migrate-state")) {
      commandLine.getSubcommands().get(passesJobOptions).setUnmatchedOptionsArePositionalParams(true);
    }
    commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
      if (exception instanceof InvalidOptionException) {
        failed.getErr().println("flowwatch " + failed.getCommandName() + ": " + exception.getMessage());
        return 2; // like a usage error
      }
      if (exception instanceof ClusterException || exception instanceof IllegalArgumentException) {
        failed.getErr().println("flowwatch " + failed.getCommandName() + ": " + exception.getMessage());
        return 1;
      }
      throw exception;
    });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
