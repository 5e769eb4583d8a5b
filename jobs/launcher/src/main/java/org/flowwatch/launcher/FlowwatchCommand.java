package org.flowwatch.launcher;

import org.flowwatch.jobs.common.config.InvalidOptionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./flowwatch} command line. Subcommands grow with the project: demo, replay, detect (EARS so far), bench,
 * subscriptions and alerts.
 */
@Command(name = "flowwatch", mixinStandardHelpOptions = true, version = "flowwatch 0.1.0",
    description = "Near-real-time migration flow monitoring on Flink, Kafka and Elasticsearch.",
    subcommands = {DemoCommand.class, ReplayCommand.class, DetectCommand.class, EvaluateCommand.class, DashboardsCommand.class, BenchCommand.class,
        SubscriptionsCommand.class, AlertsCommand.class})
public final class FlowwatchCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, where an invalid option value found while a command runs (e.g. an unreadable trust store, a
   * refused password) ends it with the message naming the option and exit code 2, like a usage error.
   */
  static CommandLine commandLine() {
    return new CommandLine(new FlowwatchCommand()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (!(e instanceof InvalidOptionException)) {
        throw e;
      }
      commandLine.getErr().println("flowwatch " + commandLine.getCommandName() + ": " + e.getMessage());
      return 2;
    });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
