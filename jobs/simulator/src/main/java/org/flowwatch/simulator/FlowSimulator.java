package org.flowwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.codec.AvroCodec;

/**
 * Plays {@link ObservationGenerator} into Kafka on a simulated clock that runs {@code speed} times faster than the wall
 * clock, so that a two-minute demo covers a day of hourly windows. Records are keyed by point code.
 */
public final class FlowSimulator implements AutoCloseable {
  /** What the simulator has sent so far. */
  public record Progress(long observations, long travellers, Instant simulatedTime) {}

  private static final Duration TICK = Duration.ofMillis(200);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final ObservationGenerator generator;
  private final double speed;
  private final AvroCodec<FlowObservation> codec = AvroCodec.of(FlowObservation.class);
  private volatile Exception sendError;
  private Instant simulatedTime;
  private long observations;
  private long travellers;

  public FlowSimulator(String bootstrapServers, String topic, ObservationGenerator generator, Instant start, double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.producer = new KafkaProducer<>(producerProperties(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.generator = generator;
    this.simulatedTime = start;
    this.speed = speed;
  }

  private static Properties producerProperties(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return properties;
  }

  /** Advances the simulated clock by one tick and sends what happened in it; returns the progress so far. */
  public Progress tick() {
    Instant next = simulatedTime.plusMillis((long) (TICK.toMillis() * speed));
    send(generator.between(simulatedTime, next));
    simulatedTime = next;
    return progress();
  }

  /** Ticks in wall-clock time until {@code stop} says so. */
  public void runUntil(BooleanSupplier stop) throws InterruptedException {
    while (!stop.getAsBoolean()) {
      long started = System.nanoTime();
      tick();
      long sleepMillis = TICK.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
    }
    producer.flush();
  }

  /** Sends observations (e.g. a fixed test corpus) and waits until Kafka has acknowledged them all. */
  public void sendAndFlush(List<FlowObservation> batch) {
    send(batch);
    producer.flush();
    failOnSendError();
  }

  private void send(List<FlowObservation> batch) {
    failOnSendError();
    for (FlowObservation observation : batch) {
      producer.send(new ProducerRecord<>(topic, null, observation.getObservedAt().toEpochMilli(),
          observation.getPointCode(), codec.encode(observation)), (metadata, error) -> {
            if (error != null && sendError == null) {
              sendError = error;
            }
          });
      observations++;
      observation.getTravellers().forEach(g -> travellers += g.getMen() + g.getWomen() + g.getBoys() + g.getGirls());
    }
  }

  public Progress progress() {
    return new Progress(observations, travellers, simulatedTime);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  // The producer reports failures on its own thread; they surface on the caller's next call.
  private void failOnSendError() {
    if (sendError != null) {
      throw new IllegalStateException("Kafka refused an observation for topic " + topic + ": " + sendError.getMessage(),
          sendError);
    }
  }
}
