package org.flowwatch.jobs.alertdelivery.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionRecord;
import org.flowwatch.schema.delivery.SubscriptionSet;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Applying subscriptions files to a real broker: what the job will read, in one transaction per apply. */
@ExtendWith(RealKafka.class)
class SubscriptionsTopicIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T07:00:00Z"), ZoneOffset.UTC);
  private static final AvroCodec<SubscriptionRecord> RECORDS = AvroCodec.of(SubscriptionRecord.class);

  private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String topic = run + ".subscriptions";

  @Test
  void appliesAddsChangesAndRemovesInOneTransactionEndingWithTheSet() throws Exception {
    SubscriptionsTopic.ApplyResult first = apply(List.of(
        subscription("a", "Team A"), subscription("b", "Team B"), subscription("c", "Team C")));

    assertThat(first.added()).containsExactly("a", "b", "c");
    assertThat(first.changed()).isEmpty();
    assertThat(first.removed()).isEmpty();
    assertThat(topicConfig(topic, "cleanup.policy")).isEqualTo("compact");

    SubscriptionsTopic.ApplyResult second = apply(List.of(
        subscription("a", "Team A"), subscription("b", "Team B, renamed")));

    assertThat(second.added()).isEmpty();
    assertThat(second.changed()).containsExactly("b");
    assertThat(second.unchanged()).containsExactly("a");
    assertThat(second.removed()).containsExactly("c");
    assertThat(second.version()).isNotEqualTo(first.version());

    List<ConsumerRecord<byte[], byte[]>> records = readCommitted(topic);
    assertThat(records).extracting(SubscriptionsTopicIT::key)
        .containsExactly("a", "b", "c", "~set", "a", "b", "c", "~set");
    List<ConsumerRecord<byte[], byte[]>> secondApply = records.subList(4, 8);
    assertThat(secondApply.get(2).value()).as("tombstone of c").isNull();
    assertThat(RECORDS.decode(secondApply.get(1).value()).getSubscription().getName()).isEqualTo("Team B, renamed");
    SubscriptionSet set = RECORDS.decode(secondApply.get(3).value()).getSet();
    assertThat(set.getIds()).containsExactly("a", "b");
    assertThat(set.getVersion()).isEqualTo(second.version());
    assertThat(set.getAppliedAt()).isEqualTo(CLOCK.instant());
    // Each apply is one transaction: its records sit at consecutive offsets, and its commit marker takes the next.
    assertThat(records).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L);
  }

  @Test
  void reapplyingAnUnchangedFileChangesNothingAndKeepsTheVersion() throws Exception {
    List<Subscription> subscriptions = List.of(subscription("a", "Team A"), subscription("b", "Team B"));
    SubscriptionsTopic.ApplyResult first = apply(subscriptions);

    SubscriptionsTopic.ApplyResult again = apply(List.of(subscriptions.get(1), subscriptions.get(0)));

    assertThat(again.unchanged()).containsExactly("a", "b");
    assertThat(again.added()).isEmpty();
    assertThat(again.changed()).isEmpty();
    assertThat(again.removed()).isEmpty();
    assertThat(again.version()).isEqualTo(first.version());
  }

  @Test
  void createsTheTopicsOfKafkaChannels() throws Exception {
    apply(List.of(subscription("a", "Team A")));

    assertThat(topicNames()).contains(topic, run + ".partner-a");
  }

  private SubscriptionsTopic.ApplyResult apply(List<Subscription> subscriptions) {
    return SubscriptionsTopic.apply(KafkaConnection.plaintext(RealKafka.bootstrapServers()), topic, subscriptions, CLOCK);
  }

  private Subscription subscription(String id, String name) throws InvalidSubscriptionsException {
    String yaml = """
        subscriptions:
          - id: %s
            name: %s
            language: en
            channels: [{kafka: {topic: %s.partner-%s}}]
        """.formatted(id, "'" + name + "'", run, id);
    return SubscriptionsFile.parse("test", new StringReader(yaml)).get(0);
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static String topicConfig(String topic, String name) throws Exception {
    try (Admin admin = admin()) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name);
      return entry.value();
    }
  }

  private static Set<String> topicNames() throws Exception {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get();
    }
  }

  private static Admin admin() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
    return Admin.create(properties);
  }
}
