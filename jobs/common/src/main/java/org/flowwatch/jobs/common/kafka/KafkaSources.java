package org.flowwatch.jobs.common.kafka;

import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;

/** The start of every Kafka source of the jobs: the connection's brokers and security, reading committed records. */
public final class KafkaSources {
  private KafkaSources() {}

  /**
   * A source builder on {@code kafka} that reads only committed records (the jobs' inputs come from transactional
   * sinks); the caller adds topics, group, offsets and deserializer.
   */
  public static <T> KafkaSourceBuilder<T> readCommitted(KafkaConnection kafka) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setProperties(kafka.security().addTo(new Properties()))
        .setProperty("isolation.level", "read_committed");
  }
}
