package org.flowwatch.launcher.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles by the nearest-rank method: the smallest value with at least p% of the values at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /** The nearest-rank {@code percent} percentile (0 < percent <= 100) of {@code values}, which must not be empty. */
  public static double nearestRank(List<Double> values, double percent) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percent);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }
}
