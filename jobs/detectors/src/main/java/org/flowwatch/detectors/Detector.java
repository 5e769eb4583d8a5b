package org.flowwatch.detectors;

import java.util.ArrayList;
import java.util.List;

/** Evaluates every point of a count series (daily or weekly, oldest first) against its own history. */
public interface Detector {
  /** Short name used in alerts and on the command line, e.g. ears-c2. */
  String name();

  /** Points of history the method needs before its first evaluation. */
  int requiredHistory();

  /**
   * The evaluation of point {@code t}, from the points up to it (every method looks only backwards); streaming jobs
   * call it for the newest point and for the points a late update changes.
   */
  Evaluation evaluateAt(double[] counts, int t);

  /** One evaluation per point of {@code counts}, in order. */
  default List<Evaluation> evaluate(double[] counts) {
    List<Evaluation> evaluations = new ArrayList<>(counts.length);
    for (int t = 0; t < counts.length; t++) {
      evaluations.add(evaluateAt(counts, t));
    }
    return evaluations;
  }
}
