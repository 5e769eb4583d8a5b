package org.flowwatch.launcher;

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
    System.exit(new CommandLine(new FlowwatchCommand()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
