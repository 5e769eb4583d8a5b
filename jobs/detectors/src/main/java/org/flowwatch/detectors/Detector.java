package org.flowwatch.detectors;

import java.util.List;

/** Evaluates every point of a count series (daily or weekly, oldest first) against its own history. */
public interface Detector {
  /** Short name used in alerts and on the command line, e.g. ears-c2. */
  String name();

  /** Points of history the method needs before its first evaluation. */
  int requiredHistory();

  /** One evaluation per point of {@code counts}, in order. */
  List<Evaluation> evaluate(double[] counts);

  /**
   * The evaluation of point {@code t} alone. Every method looks only backwards, so this equals
   * {@code evaluate(counts).get(t)}; streaming jobs call it for the newest point and for the points a late update
   * changes.
   */
  default Evaluation evaluateAt(double[] counts, int t) {
    return evaluate(java.util.Arrays.copyOf(counts, t + 1)).get(t);
  }
}
