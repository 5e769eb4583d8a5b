package org.flowwatch.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Plays {@link ObservationGenerator} into Kafka on a simulated clock that runs {@code speed} times faster than the wall
 * clock, so that a two-minute demo covers a day of hourly windows. The clock never passes the present: once it has
 * caught up it runs in real time (records from the future would be refused, by Kafka and by the job alike).
 */
public final class FlowSimulator implements AutoCloseable {
  /** What the simulator has sent so far. */
  public record Progress(long observations, long travellers, Instant simulatedTime) {}

  /** Simulated time advances by this much wall-clock time per tick, times the speed. */
  public static final Duration TICK = Duration.ofMillis(200);

  private final ObservationProducer producer;
  private final ObservationGenerator generator;
  private final double speed;
  private Instant simulatedTime;

  public FlowSimulator(String bootstrapServers, String topic, ObservationGenerator generator, Instant start, double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.producer = new ObservationProducer(bootstrapServers, topic);
    this.generator = generator;
    this.simulatedTime = start;
    this.speed = speed;
  }

  /** Advances the simulated clock by one tick and sends what happened in it; returns the progress so far. */
  public Progress tick() {
    Instant fast = simulatedTime.plusMillis((long) (TICK.toMillis() * speed));
    Instant now = Instant.now();
    Instant next = fast.isAfter(now) ? now : fast;
    producer.send(generator.between(simulatedTime, next));
    simulatedTime = next;
    return progress();
  }

  public Progress progress() {
    return new Progress(producer.observations(), producer.travellers(), simulatedTime);
  }

  @Override
  public void close() {
    producer.close();
  }
}
