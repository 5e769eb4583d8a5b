package org.flowwatch.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.codec.AvroCodec;

/**
 * Writes FlowObservations to a Kafka topic as Avro single-object encoding, keyed by point code, with the observation
 * time as record timestamp. Idempotent producer, acks from all replicas; a failed send surfaces on the next call.
 */
public final class ObservationProducer implements AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final AvroCodec<FlowObservation> codec = AvroCodec.of(FlowObservation.class);
  private volatile Exception sendError;
  private long observations;
  private long travellers;

  public ObservationProducer(String bootstrapServers, String topic) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    // One batch in flight per partition: a retried batch can never overtake a later one.
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  public void send(List<FlowObservation> batch) {
    failOnSendError();
    for (FlowObservation observation : batch) {
      producer.send(new ProducerRecord<>(topic, null, observation.getObservedAt().toEpochMilli(),
          observation.getPointCode(), codec.encode(observation)), (metadata, error) -> {
            if (error != null && sendError == null) {
              sendError = error;
            }
          });
      observations++;
      observation.getTravellers().forEach(g -> travellers += (long) g.getMen() + g.getWomen() + g.getBoys()
          + g.getGirls() + g.getUnspecified());
    }
  }

  /** Waits until Kafka has acknowledged everything sent so far. */
  public void flush() {
    producer.flush();
    failOnSendError();
  }

  public long observations() {
    return observations;
  }

  public long travellers() {
    return travellers;
  }

  // The producer reports failures on its own thread; they surface on the caller's next call.
  private void failOnSendError() {
    if (sendError != null) {
      throw new IllegalStateException("Kafka refused an observation for topic " + topic + ": " + sendError.getMessage(),
          sendError);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
