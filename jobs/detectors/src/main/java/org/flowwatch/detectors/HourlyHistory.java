package org.flowwatch.detectors;

/**
 * The hourly counts of one series over a fixed horizon, in a ring, and the daily series a detector reads from them:
 * sums of 24 consecutive hours ending at a given hour, one per day back. Evaluated at local midnight that is the
 * daily series; evaluated at any other hour it is the nowcast, the trailing 24 hours against the same 24 hours of
 * past days, so day-of-week patterns compare like with like whatever the hour.
 *
 * <p>A plain class with public fields and a no-argument constructor so that Flink keeps it in state with its POJO
 * serializer. Hours are counted from the epoch (UTC).
 */
public class HourlyHistory {
  /** Hours kept. */
  public int capacity;
  /** Counts by hour, at index hour mod capacity. */
  public long[] counts;
  /** The latest hour written or advanced to, -1 when empty. */
  public long newestHour = -1;
  /** The first hour with data: days before it are not history but absence of it. */
  public long firstHour = -1;

  public HourlyHistory() {}

  public HourlyHistory(int days) {
    this.capacity = days * 24;
    this.counts = new long[capacity];
  }

  /** Whether an hour is within the horizon (or after it): whether {@link #add} would keep it. */
  public boolean holds(long hour) {
    return newestHour < 0 || hour > newestHour - capacity;
  }

  /**
   * Adds {@code delta} to an hour's count.
   *
   * @return false when the hour is older than the horizon (nothing changed)
   */
  public boolean add(long hour, long delta) {
    if (!holds(hour)) {
      return false;
    }
    advanceTo(hour);
    counts[slot(hour)] += delta;
    if (firstHour < 0 || hour < firstHour) {
      firstHour = hour;
    }
    return true;
  }

  /** Moves the newest hour forward, clearing the hours that fall out of the horizon. */
  public void advanceTo(long hour) {
    if (newestHour < 0) {
      newestHour = hour;
      return;
    }
    if (hour <= newestHour) {
      return;
    }
    long steps = Math.min(hour - newestHour, capacity);
    for (long h = hour - steps + 1; h <= hour; h++) {
      counts[slot(h)] = 0;
    }
    newestHour = hour;
  }

  public long count(long hour) {
    return hour > newestHour || hour <= newestHour - capacity ? 0 : counts[slot(hour)];
  }

  /**
   * Sums of {@code windowHours} (1 to 24) consecutive hours ending just before {@code endHour} (exclusive) and at the
   * same hour of each of the {@code days - 1} days before, oldest first: the latest hours against the same hours of
   * past days (24: the trailing day). Null when the series' data does not reach back that far or the horizon is too
   * short.
   */
  public double[] windowSums(long endHour, int days, int windowHours) {
    if (firstHour < 0 || endHour - 24L * days < firstHour || endHour - 24L * days <= newestHour - capacity) {
      return null;
    }
    double[] sums = new double[days];
    for (int d = 0; d < days; d++) {
      long end = endHour - 24L * (days - 1 - d);
      long sum = 0;
      for (long h = end - windowHours; h < end; h++) {
        sum += count(h);
      }
      sums[d] = sum;
    }
    return sums;
  }

  /** Days among the last {@code days} 24-hour periods before {@code endHour} that had any count. */
  public int activeDays(long endHour, int days) {
    int active = 0;
    for (int d = 0; d < days; d++) {
      for (long h = endHour - 24L * (d + 1); h < endHour - 24L * d; h++) {
        if (count(h) > 0) {
          active++;
          break;
        }
      }
    }
    return active;
  }

  private int slot(long hour) {
    return (int) Math.floorMod(hour, (long) capacity);
  }
}
