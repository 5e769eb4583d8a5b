package org.flowwatch.jobs.common.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Transactional Kafka sinks of Avro single-object encoded records, committed with each checkpoint. */
public final class ExactlyOnceKafkaSinks {
  /**
   * Below the brokers' default transaction.max.timeout.ms (15 min). A transaction stays open until the checkpoint after
   * it completes, so the checkpoint options are validated against it at start-up ({@code CheckpointSettings}).
   */
  public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  private ExactlyOnceKafkaSinks() {}

  /**
   * @param transactionalIdPrefix unique per job deployment and output, so that restarts abort their own lingering
   *     transactions and no one else's
   */
  public static <T extends SpecificRecordBase> KafkaSink<T> of(KafkaConnection kafka, String topic,
      String transactionalIdPrefix, Class<T> recordClass, KafkaRecordFields.RecordKey<T> key) {
    return of(kafka, transactionalIdPrefix, KafkaRecordSerializationSchema.<T>builder()
        .setTopic(topic)
        .setKeySerializationSchema(new KafkaRecordFields.Key<>(key))
        .setValueSerializationSchema(new KafkaRecordFields.Value<>(recordClass))
        .build());
  }

  /** A transactional sink whose records (and topics) {@code records} decides, e.g. one topic per subscriber. */
  public static <T> KafkaSink<T> of(KafkaConnection kafka, String transactionalIdPrefix,
      KafkaRecordSerializationSchema<T> records) {
    Properties properties = kafka.security().addTo(new Properties());
    properties.setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(properties)
        .setRecordSerializer(records)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }
}
