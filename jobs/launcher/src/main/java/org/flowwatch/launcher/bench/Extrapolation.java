package org.flowwatch.launcher.bench;

/** Linear extrapolation of a measured processing rate to a larger amount of events. */
public final class Extrapolation {
  private Extrapolation() {}

  /** Events per second of {@code events} processed in {@code millis}. */
  public static double rate(long events, long millis) {
    if (millis <= 0) {
      throw new IllegalArgumentException("duration must be positive, was " + millis + " ms");
    }
    return events * 1000.0 / millis;
  }

  /** Minutes that {@code targetEvents} take at the rate of {@code events} processed in {@code millis}. */
  public static double minutesFor(long targetEvents, long events, long millis) {
    return targetEvents / rate(events, millis) / 60.0;
  }
}
