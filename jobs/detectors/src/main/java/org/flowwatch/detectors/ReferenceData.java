package org.flowwatch.detectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The points a Farrington model is fitted to for one time point, chosen as R's {@code blocks} and
 * {@code algo.farrington.data.glm} choose them: the windows around the same point of past cycles (seasonal group
 * noPeriods), the rest of each cycle split into noPeriods - 1 blocks, and the most recent points left out.
 *
 * @param position the evaluated time point, 1-based as in R (it is also the time covariate)
 */
record ReferenceData(int position, double[] time, int[] group, double[] response) {

  static ReferenceData of(double[] counts, int t, FarringtonFlexible.Options options) {
    int k = t + 1;
    int w = options.w();
    int p = options.noPeriods();
    int frequency = options.frequency();
    int[] factor = new int[k + 1]; // 1-based; 0 = not a reference point
    Arrays.fill(factor, Math.max(1, k - w), k + 1, p);
    for (int i = 1; i <= options.b(); i++) {
      int referencePoint = k - i * frequency;
      Arrays.fill(factor, referencePoint - w, referencePoint + w + 1, p);
      if (p != 1) {
        int later = k - (i - 1) * frequency;
        int period = later - 2 * w - 1 - referencePoint;
        int[] blockLengths = new int[p];
        for (int j = 1; j < p; j++) {
          blockLengths[j] = period / (p - 1) + (j <= period % (p - 1) ? 1 : 0);
        }
        int start = referencePoint + w + 1;
        for (int j = 1; j < p; j++) {
          Arrays.fill(factor, start, start + blockLengths[j], j);
          start += blockLengths[j];
        }
      }
    }
    Arrays.fill(factor, Math.max(1, k - options.pastWeeksNotIncluded()), k + 1, 0);
    List<Integer> positions = new ArrayList<>();
    for (int s = 1; s <= k; s++) {
      if (factor[s] != 0) {
        positions.add(s);
      }
    }
    double[] time = new double[positions.size()];
    int[] group = new int[positions.size()];
    double[] response = new double[positions.size()];
    for (int i = 0; i < positions.size(); i++) {
      int s = positions.get(i);
      time[i] = s;
      group[i] = factor[s];
      response[i] = counts[s - 1];
    }
    return new ReferenceData(k, time, group, response);
  }

  int size() {
    return response.length;
  }

  double maxResponse() {
    return Arrays.stream(response).max().orElse(0);
  }

  /** The design matrix: intercept, optionally time, then a treatment contrast for each seasonal group but the first. */
  Design design(boolean trend) {
    Integer[] levels = new TreeSet<>(Arrays.stream(group).boxed().toList()).toArray(Integer[]::new);
    double[][] rows = new double[size()][];
    for (int i = 0; i < size(); i++) {
      rows[i] = Design.row(trend, levels, time[i], group[i]);
    }
    return new Design(rows, trend, levels);
  }

  /** A design with the seasonal levels it was built from, to form the prediction row the same way. */
  record Design(double[][] rows, boolean hasTrend, Integer[] levels) {
    static double[] row(boolean trend, Integer[] levels, double time, int group) {
      double[] row = new double[1 + (trend ? 1 : 0) + levels.length - 1];
      row[0] = 1;
      int column = 1;
      if (trend) {
        row[column++] = time;
      }
      for (int level = 1; level < levels.length; level++) {
        row[column++] = group == levels[level] ? 1 : 0;
      }
      return row;
    }

    /** The row for the evaluated point: its time and the current season's group (noPeriods). */
    double[] predictionRow(int position) {
      return row(hasTrend, levels, position, levels[levels.length - 1]);
    }
  }
}
