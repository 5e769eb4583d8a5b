package org.flowwatch.simulator;

import org.flowwatch.jobs.common.kafka.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schema.CheckpointCrossing;

/**
 * Plays {@link ObservationGenerator} (flow monitoring registries) and {@link CrossingGenerator} (border registrations,
 * one per traveller) into Kafka on a simulated clock that runs {@code speed} times faster than the wall clock, so that
 * a two-minute demo covers a day of hourly windows. The clock never passes the present: once it has caught up it runs
 * in real time (records from the future would be refused, by Kafka and by the job alike).
 */
public final class FlowSimulator implements AutoCloseable {
  /** What the simulator has sent so far. */
  public record Progress(long observations, long travellers, long crossings, Instant simulatedTime) {}

  /** Simulated time advances by this much wall-clock time per tick, times the speed. */
  public static final Duration TICK = Duration.ofMillis(200);
  private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final ObservationProducer observations;
  private final AvroRecordProducer<CheckpointCrossing> crossings;
  private final ObservationGenerator generator;
  private final CrossingGenerator crossingGenerator;
  private final double crossingsPerDay;
  private final double speed;
  private Instant simulatedTime;
  private double crossingsDue;
  private long nextCrossing;

  public FlowSimulator(KafkaConnection kafka, String observationsTopic, String crossingsTopic,
      ObservationGenerator generator, CrossingGenerator crossingGenerator, double crossingsPerDay, Instant start,
      double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    if (crossingsPerDay < 0) {
      throw new IllegalArgumentException("crossingsPerDay must not be negative, was " + crossingsPerDay);
    }
    this.observations = new ObservationProducer(kafka, observationsTopic);
    this.crossings = new AvroRecordProducer<>(kafka, crossingsTopic, CheckpointCrossing.class,
        // Keyed by registration, not by post: a handful of posts would leave partitions empty, and an empty
        // partition holds the job's watermark back until the source's idleness timeout declares it idle.
        CheckpointCrossing::getId, CheckpointCrossing::getCrossedAt);
    this.generator = generator;
    this.crossingGenerator = crossingGenerator;
    this.crossingsPerDay = crossingsPerDay;
    this.simulatedTime = start;
    this.speed = speed;
  }

  /** Advances the simulated clock by one tick and sends what happened in it; returns the progress so far. */
  public Progress tick() {
    Instant fast = simulatedTime.plusMillis((long) (TICK.toMillis() * speed));
    Instant now = Instant.now();
    Instant next = fast.isAfter(now) ? now : fast;
    observations.send(generator.between(simulatedTime, next));
    crossings.send(crossingsBetween(simulatedTime, next));
    simulatedTime = next;
    return progress();
  }

  /**
   * Sends everything that happens from the simulated clock up to {@code until} as fast as Kafka takes it, a batch
   * of {@code batch} simulated time at a time (no pacing: weeks of history in seconds), waits until Kafka has
   * acknowledged it all, and leaves the clock at {@code until}, from where {@link #tick()} goes on.
   */
  public Progress sendHistory(Instant until, Duration batch) {
    if (!until.isBefore(Instant.now().plusMillis(1))) {
      throw new IllegalArgumentException("history must end in the past, was " + until);
    }
    if (batch.isNegative() || batch.isZero()) {
      throw new IllegalArgumentException("batch must be positive, was " + batch);
    }
    while (simulatedTime.isBefore(until)) {
      Instant next = simulatedTime.plus(batch);
      next = next.isAfter(until) ? until : next;
      observations.send(generator.between(simulatedTime, next));
      crossings.send(crossingsBetween(simulatedTime, next));
      simulatedTime = next;
    }
    observations.flush();
    crossings.flush();
    return progress();
  }

  /** Crossings at the configured daily rate, spread evenly; the fractional remainder carries over to the next tick. */
  private List<CheckpointCrossing> crossingsBetween(Instant from, Instant to) {
    long span = to.toEpochMilli() - from.toEpochMilli();
    crossingsDue += crossingsPerDay * span / DAY_MILLIS;
    int count = (int) crossingsDue;
    crossingsDue -= count;
    List<CheckpointCrossing> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(crossingGenerator.crossingAt(nextCrossing++, from.plusMillis(span * i / count)));
    }
    return batch;
  }

  public Progress progress() {
    return new Progress(observations.observations(), observations.travellers(), crossings.sent(), simulatedTime);
  }

  @Override
  public void close() {
    observations.close();
    crossings.close();
  }
}
