package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;
import org.flowwatch.schema.delivery.KafkaChannel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionRecord;
import org.flowwatch.schema.delivery.SubscriptionSet;

/**
 * The compacted subscriptions topic, which the alert delivery job reads: one record per subscription under its id, a
 * tombstone for each removed one, and the set marker under {@value #SET_KEY}, written last. An apply writes all of them
 * in one transaction, so a read_committed reader sees a whole set or none of it, and knows from the marker which ids
 * the set holds.
 */
public final class SubscriptionsTopic {
  public static final String SET_KEY = "~set";
  public static final String DEFAULT_TOPIC = "flowwatch.subscriptions";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final AvroCodec<SubscriptionRecord> RECORDS = AvroCodec.of(SubscriptionRecord.class);
  private static final AvroCodec<Subscription> SUBSCRIPTIONS = AvroCodec.of(Subscription.class);

  /** What an apply did, ids sorted. */
  public record ApplyResult(List<String> added, List<String> changed, List<String> unchanged, List<String> removed,
      String version) {}

  private SubscriptionsTopic() {}

  /**
   * Makes the topic hold exactly {@code subscriptions}: creates it (and the topics that Kafka channels name) when
   * missing, reads what it holds, and writes the set in one transaction.
   */
  public static ApplyResult apply(KafkaConnection kafka, String topic, List<Subscription> subscriptions,
      Clock clock) {
    List<KafkaTopics.TopicSpec> topics = new ArrayList<>();
    topics.add(new KafkaTopics.TopicSpec(topic, 1,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    subscriptions.stream().flatMap(s -> s.getKafkaTopics().stream()).map(KafkaChannel::getTopic).distinct()
        .forEach(name -> topics.add(KafkaTopics.TopicSpec.of(name, 1)));
    KafkaTopics.createIfMissing(kafka, topics);

    Map<String, Subscription> before = current(kafka, topic);
    List<Subscription> sorted = subscriptions.stream().sorted(Comparator.comparing(Subscription::getId)).toList();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (Subscription subscription : sorted) {
      String id = subscription.getId();
      (!before.containsKey(id) ? added : subscription.equals(before.get(id)) ? unchanged : changed).add(id);
    }
    List<String> ids = sorted.stream().map(Subscription::getId).toList();
    List<String> removed = before.keySet().stream().filter(id -> !ids.contains(id)).sorted().toList();
    String version = version(subscriptions);
    SubscriptionSet set = new SubscriptionSet(version, clock.instant(), ids);
    write(kafka, topic, sorted, removed, set);
    return new ApplyResult(added, changed, unchanged, removed, version);
  }

  /**
   * The set's version: SHA-256 of the subscriptions' encodings in id order, so the same file gives the same version
   * whatever its order, and any change to any field gives another.
   */
  public static String version(List<Subscription> subscriptions) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      subscriptions.stream().sorted(Comparator.comparing(Subscription::getId))
          .forEach(subscription -> digest.update(SUBSCRIPTIONS.encode(subscription)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The subscriptions the topic holds now: the latest committed record of each id, tombstones removing theirs; null
   * for an id whose record does not decode.
   */
  static Map<String, Subscription> current(KafkaConnection kafka, String topic) {
    Properties properties = kafka.clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Subscription> current = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(partition -> new TopicPartition(topic, partition.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed: the end is the last stable offset, so a transaction still open elsewhere is not waited for.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          read(record, current);
        }
      }
    }
    return current;
  }

  private static void read(ConsumerRecord<byte[], byte[]> record, Map<String, Subscription> current) {
    if (record.key() == null) {
      return; // not written by apply; the job ignores it too
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (key.equals(SET_KEY)) {
      return;
    }
    if (record.value() == null) {
      current.remove(key);
      return;
    }
    try {
      Subscription subscription = RECORDS.decode(record.value()).getSubscription();
      if (subscription != null) {
        current.put(key, subscription);
      }
    } catch (UndecodableRecordException e) {
      // Known but unreadable: reported as changed (rewritten) when the file holds the id, removed otherwise.
      current.put(key, null);
    }
  }

  private static void write(KafkaConnection kafka, String topic, List<Subscription> subscriptions,
      List<String> removed, SubscriptionSet set) {
    Properties properties = kafka.clientProperties();
    // One id per topic: an apply that starts fences off any earlier one still running, whose transaction then aborts.
    properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "flowwatch-subscriptions-apply-" + topic);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (Subscription subscription : subscriptions) {
          producer.send(record(topic, subscription.getId(), RECORDS.encode(new SubscriptionRecord(subscription, null))));
        }
        for (String id : removed) {
          producer.send(record(topic, id, null));
        }
        producer.send(record(topic, SET_KEY, RECORDS.encode(new SubscriptionRecord(null, set))));
        producer.commitTransaction();
      } catch (KafkaException e) {
        producer.abortTransaction();
        throw new IllegalStateException("cannot write the subscriptions to " + topic + " on Kafka at "
            + kafka.bootstrapServers() + ": " + e.getMessage(), e);
      }
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }
}
