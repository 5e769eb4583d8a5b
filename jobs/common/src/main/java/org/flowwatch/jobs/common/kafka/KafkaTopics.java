package org.flowwatch.jobs.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics a job needs before it starts: a Flink job that meets a missing topic restarts forever, and the
 * brokers flowwatch starts do not create topics on first use.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** A topic to create: name, partition count and extra topic configs (e.g. cleanup.policy=compact). */
  public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    public static TopicSpec of(String name, int partitions) {
      return new TopicSpec(name, partitions, Map.of());
    }
  }

  /**
   * Creates each topic that does not exist yet; existing topics are left as they are. A topic still being deleted is
   * waited for (up to 30 s).
   */
  public static void createIfMissing(KafkaConnection kafka, List<TopicSpec> topics) {
    withAdmin(kafka, "create topics " + names(topics), admin -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
            .filter(topic -> !existing.contains(topic.name()))
            .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
            .toList();
        if (missing.isEmpty()) {
          awaitLeaders(admin, names(topics), deadline);
          return;
        }
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
          awaitLeaders(admin, names(topics), deadline);
          return;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(500); // marked for deletion: gone shortly
        }
      }
    });
  }

  /**
   * Waits until every partition has a leader. Writing to a topic created a moment ago otherwise meets leader changes
   * that can leave an idempotent producer retrying out-of-order batches until they expire (seen with Kafka 4.2).
   */
  private static void awaitLeaders(Admin admin, List<String> topics, long deadline)
      throws ExecutionException, TimeoutException, InterruptedException {
    while (true) {
      boolean ready;
      try {
        ready = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false; // just created (or re-created after a deletion): its metadata is not everywhere yet
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + topics + " still have no leader");
      }
      Thread.sleep(100);
    }
  }

  /** Deletes the topics that exist (the demo's clean slate). */
  public static void deleteIfPresent(KafkaConnection kafka, List<String> topics) {
    withAdmin(kafka, "delete topics " + topics, admin -> {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> present = topics.stream().filter(existing::contains).toList();
      if (!present.isEmpty()) {
        admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
        // Deletion completes asynchronously: a topic still listed now would make a following createIfMissing skip
        // it, and then vanish.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(present::contains)) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException("topics " + present + " still listed 60 s after their deletion");
          }
          Thread.sleep(200);
        }
      }
    });
  }

  private interface AdminAction {
    void run(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;
  }

  private static void withAdmin(KafkaConnection kafka, String what, AdminAction action) {
    Properties properties = kafka.clientProperties();
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(properties)) {
      action.run(admin);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot " + what + " on Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  private static List<String> names(List<TopicSpec> topics) {
    return topics.stream().map(TopicSpec::name).toList();
  }
}
