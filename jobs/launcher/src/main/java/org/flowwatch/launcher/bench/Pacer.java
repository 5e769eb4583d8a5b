package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a producer that paces itself at a steady rate while its event clock runs faster than the wall
 * clock: event number {@code i} is due {@code i / rate} seconds after the start, and an event sent {@code t} after
 * the start carries the event time {@code start + t x compression}, where one event-time hour takes
 * {@code wallPerHour} of wall-clock time.
 */
public final class Pacer {
  private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

  private final double eventsPerSecond;
  private final Instant eventClockStart;
  private final long wallNanosPerHour;

  public Pacer(double eventsPerSecond, Instant eventClockStart, Duration wallPerHour) {
    if (!(eventsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + eventsPerSecond);
    }
    if (wallPerHour.isZero() || wallPerHour.isNegative()) {
      throw new IllegalArgumentException("wall time per event-time hour must be positive, was " + wallPerHour);
    }
    this.eventsPerSecond = eventsPerSecond;
    this.eventClockStart = eventClockStart;
    this.wallNanosPerHour = wallPerHour.toNanos();
  }

  /** Nanoseconds after the start at which event number {@code index} (from 0) is due. */
  public long dueNanos(long index) {
    return (long) (index * 1_000_000_000.0 / eventsPerSecond);
  }

  /** How many events are due {@code elapsedNanos} after the start (those numbered below it). */
  public long dueBy(long elapsedNanos) {
    return elapsedNanos < 0 ? 0 : (long) Math.floor(elapsedNanos * eventsPerSecond / 1_000_000_000.0) + 1;
  }

  /** The event time of an event sent {@code elapsedNanos} after the start. */
  public Instant eventTime(long elapsedNanos) {
    // split to keep the product within a long for runs of any length
    long hours = elapsedNanos / wallNanosPerHour;
    long rest = elapsedNanos % wallNanosPerHour;
    long restEventNanos = (long) ((double) rest * HOUR_NANOS / wallNanosPerHour);
    return eventClockStart.plus(Duration.ofHours(hours)).plusNanos(restEventNanos);
  }

  /** How many times faster than the wall clock the event clock runs. */
  public double compression() {
    return (double) HOUR_NANOS / wallNanosPerHour;
  }

  /** Events per second actually achieved: {@code sent} over {@code elapsedNanos}. */
  public static double achievedRate(long sent, long elapsedNanos) {
    return elapsedNanos <= 0 ? 0 : sent * 1_000_000_000.0 / elapsedNanos;
  }
}
