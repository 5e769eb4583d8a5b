package org.flowwatch.jobs.flowaggregation.model;

import java.util.HashMap;
import java.util.Map;

/** Running totals of a flow window; the accumulator of the incremental aggregate. */
public final class FlowCounts {
  public long observations;
  public long men;
  public long women;
  public long boys;
  public long girls;
  public long childrenUnder5;
  public long elderly;
  public long withDisability;
  public long pregnantWomen;
  public long unaccompaniedChildren;
  /** Travellers per transport mode name. */
  public Map<String, Long> transportModes = new HashMap<>();

  public FlowCounts() {}

  public long travellers() {
    return men + women + boys + girls;
  }

  public FlowCounts add(Movement movement) {
    observations++;
    men += movement.men;
    women += movement.women;
    boys += movement.boys;
    girls += movement.girls;
    childrenUnder5 += movement.childrenUnder5;
    elderly += movement.elderly;
    withDisability += movement.withDisability;
    pregnantWomen += movement.pregnantWomen;
    unaccompaniedChildren += movement.unaccompaniedChildren;
    transportModes.merge(movement.transportMode, movement.travellers(), Long::sum);
    return this;
  }

  public FlowCounts merge(FlowCounts other) {
    observations += other.observations;
    men += other.men;
    women += other.women;
    boys += other.boys;
    girls += other.girls;
    childrenUnder5 += other.childrenUnder5;
    elderly += other.elderly;
    withDisability += other.withDisability;
    pregnantWomen += other.pregnantWomen;
    unaccompaniedChildren += other.unaccompaniedChildren;
    other.transportModes.forEach((mode, count) -> transportModes.merge(mode, count, Long::sum));
    return this;
  }
}
