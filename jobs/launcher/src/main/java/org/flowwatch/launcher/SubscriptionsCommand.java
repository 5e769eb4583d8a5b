package org.flowwatch.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.flowwatch.jobs.alertdelivery.subscriptions.InvalidSubscriptionsException;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsFile;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsTopic;
import org.flowwatch.schema.delivery.Subscription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./flowwatch subscriptions apply FILE}: who receives which alerts, from a file to the subscriptions topic. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
    description = "Manage alert subscriptions (see docs/examples/subscriptions.yaml).",
    subcommands = SubscriptionsCommand.Apply.class)
final class SubscriptionsCommand implements Runnable {
  static final int INVALID_FILE = 2;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Check a subscriptions file and make the subscriptions topic hold exactly its subscriptions, in "
          + "one Kafka transaction: new and changed ones written, missing ones removed, topics of Kafka channels "
          + "created. Prints what was added, changed, unchanged and removed, and the set's version.",
          "Exit code 2, with every problem on a line of its own (file, line, field), when the file is invalid: "
              + "nothing is written then. Exit code 1 when Kafka cannot be reached or refuses."})
  static final class Apply implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The subscriptions file (YAML).")
    Path file;

    @Mixin
    ServerOptions.Kafka kafka;

    @Option(names = "--topic", defaultValue = SubscriptionsTopic.DEFAULT_TOPIC,
        description = "The compacted subscriptions topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--dry-run", description = "Check the file and print its subscriptions; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      List<Subscription> subscriptions;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        subscriptions = SubscriptionsFile.parse(file.toString(), reader);
      } catch (InvalidSubscriptionsException e) {
        e.problems().forEach(System.err::println);
        return INVALID_FILE;
      } catch (IOException e) {
        System.err.println("flowwatch subscriptions apply: cannot read " + file + ": " + e);
        return INVALID_FILE;
      }
      if (dryRun) {
        System.out.printf("%s: %d subscriptions, valid: %s%n", file, subscriptions.size(),
            ids(subscriptions.stream().map(Subscription::getId).sorted().toList()));
        System.out.println("version: " + SubscriptionsTopic.version(subscriptions));
        System.out.println("--dry-run: nothing written");
        return 0;
      }
      try {
        SubscriptionsTopic.ApplyResult result = SubscriptionsTopic.apply(kafka.connection(), topic, subscriptions,
            Clock.systemUTC());
        System.out.println("added: " + ids(result.added()));
        System.out.println("changed: " + ids(result.changed()));
        System.out.println("unchanged: " + ids(result.unchanged()));
        System.out.println("removed: " + ids(result.removed()));
        System.out.println("version: " + result.version());
        System.out.printf("flowwatch subscriptions apply: %d subscriptions applied to %s at %s%n",
            subscriptions.size(), topic, kafka.bootstrapServers);
        return 0;
      } catch (IllegalStateException | KafkaException e) {
        System.err.println("flowwatch subscriptions apply: " + e.getMessage());
        return 1;
      }
    }

    private static String ids(List<String> ids) {
      return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
  }
}
