package org.flowwatch.detectors;

import java.util.List;

/** Evaluates every point of a count series (daily or weekly, oldest first) against its own history. */
public interface Detector {
  /** Short name used in alerts and on the command line, e.g. ears-c2. */
  String name();

  /** One evaluation per point of {@code counts}, in order. */
  List<Evaluation> evaluate(double[] counts);
}
