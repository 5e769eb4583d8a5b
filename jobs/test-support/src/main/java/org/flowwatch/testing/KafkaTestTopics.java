package org.flowwatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: write raw values, read a topic's committed records to its end. */
public final class KafkaTestTopics {
  private KafkaTestTopics() {}

  public static void produce(String bootstrapServers, String topic, List<byte[]> values) throws Exception {
    produce(plaintext(bootstrapServers), topic, values);
  }

  /** @param client the client properties of the broker: its bootstrap servers and security settings */
  public static void produce(Properties client, String topic, List<byte[]> values) throws Exception {
    send(client, values.stream().map(value -> new ProducerRecord<byte[], byte[]>(topic, value)).toList());
  }

  /** Writes values in order to one partition, so that they are also read in that order. */
  public static void produce(String bootstrapServers, String topic, int partition, List<byte[]> values)
      throws Exception {
    send(plaintext(bootstrapServers), values.stream()
        .map(value -> new ProducerRecord<byte[], byte[]>(topic, partition, null, value)).toList());
  }

  /**
   * Writes value i to partition i modulo the topic's partition count, in order: the same values always land at the same
   * offsets of the same partitions, which a savepoint's source offsets rely on.
   */
  public static void produceRoundRobin(String bootstrapServers, String topic, List<byte[]> values) throws Exception {
    int partitions;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      partitions = consumer.partitionsFor(topic).size();
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new ProducerRecord<>(topic, i % partitions, null, values.get(i)));
    }
    send(plaintext(bootstrapServers), records);
  }

  /** Writes (key, value) records in order; a compacted topic refuses records without a key. */
  public static void produceKeyed(String bootstrapServers, String topic, List<Map.Entry<String, byte[]>> records)
      throws Exception {
    produceKeyed(plaintext(bootstrapServers), topic, records);
  }

  /** @param client the client properties of the broker: its bootstrap servers and security settings */
  public static void produceKeyed(Properties client, String topic, List<Map.Entry<String, byte[]>> records)
      throws Exception {
    send(client, records.stream().map(record -> new ProducerRecord<>(topic,
        record.getKey() == null ? null : record.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        record.getValue())).toList());
  }

  private static Properties plaintext(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  private static void send(Properties client, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties properties = new Properties();
    properties.putAll(client);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    // One batch in flight per partition: a retried batch can never overtake a later one.
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (ProducerRecord<byte[], byte[]> record : records) {
        sent.add(producer.send(record));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> future : sent) {
        future.get(); // a record Kafka refused fails the test here instead of going missing
      }
    }
  }

  /** Every committed value of the topic (read_committed: aborted transactions are invisible). */
  public static List<byte[]> readCommitted(String bootstrapServers, String topic) {
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  private static Properties consumerProperties(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return properties;
  }
}
