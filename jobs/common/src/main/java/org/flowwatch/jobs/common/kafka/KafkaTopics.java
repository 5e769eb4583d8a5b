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

  /** Creates each topic that does not exist yet; existing topics are left as they are. */
  public static void createIfMissing(String bootstrapServers, List<TopicSpec> topics) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(topic -> !existing.contains(topic.name()))
          .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
          .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + topics.stream().map(TopicSpec::name).toList()
          + " on Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
