package org.flowwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.schema.codec.AvroCodec;

/**
 * Writes Avro records to a Kafka topic as single-object encoding, with a key and a record timestamp taken from each
 * record. Idempotent producer, acks from all replicas, one batch in flight per partition (a retried batch can never
 * overtake a later one); a failed send surfaces on the next call.
 */
public final class AvroRecordProducer<T extends SpecificRecordBase> implements AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final AvroCodec<T> codec;
  private final Function<T, String> key;
  private final Function<T, Instant> time;
  private volatile Exception sendError;
  private long sent;

  public AvroRecordProducer(KafkaConnection kafka, String topic, Class<T> recordClass, Function<T, String> key,
      Function<T, Instant> time) {
    Properties properties = kafka.clientProperties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024); // a burst of history goes in few requests
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.codec = AvroCodec.of(recordClass);
    this.key = key;
    this.time = time;
  }

  public void send(List<T> records) {
    failOnSendError();
    for (T record : records) {
      producer.send(new ProducerRecord<>(topic, null, time.apply(record).toEpochMilli(), key.apply(record),
          codec.encode(record)), (metadata, error) -> {
            if (error != null && sendError == null) {
              sendError = error;
            }
          });
      sent++;
    }
  }

  /** Waits until Kafka has acknowledged everything sent so far. */
  public void flush() {
    producer.flush();
    failOnSendError();
  }

  public long sent() {
    return sent;
  }

  // The producer reports failures on its own thread; they surface on the caller's next call.
  private void failOnSendError() {
    if (sendError != null) {
      throw new IllegalStateException("Kafka refused a record for topic " + topic + ": " + sendError.getMessage(),
          sendError);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
