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
  public long unspecified;
  public long childrenUnder5;
  public long elderly;
  public long withDisability;
  public long pregnantWomen;
  public long unaccompaniedChildren;
  /** Travellers per transport mode name. */
  public Map<String, Long> transportModes = new HashMap<>();
  /** Reference data of the point (the same for every movement of a point-level window). */
  public String adminRegion;
  public double latitude;
  public double longitude;

  public FlowCounts() {}

  public long travellers() {
    return men + women + boys + girls + unspecified;
  }

  public FlowCounts add(Movement movement) {
    observations++;
    men += movement.men;
    women += movement.women;
    boys += movement.boys;
    girls += movement.girls;
    unspecified += movement.unspecified;
    childrenUnder5 += movement.childrenUnder5;
    elderly += movement.elderly;
    withDisability += movement.withDisability;
    pregnantWomen += movement.pregnantWomen;
    unaccompaniedChildren += movement.unaccompaniedChildren;
    transportModes.merge(movement.transportMode, movement.travellers(), Long::sum);
    adminRegion = movement.adminRegion;
    latitude = movement.latitude;
    longitude = movement.longitude;
    return this;
  }

  public FlowCounts merge(FlowCounts other) {
    observations += other.observations;
    men += other.men;
    women += other.women;
    boys += other.boys;
    girls += other.girls;
    unspecified += other.unspecified;
    childrenUnder5 += other.childrenUnder5;
    elderly += other.elderly;
    withDisability += other.withDisability;
    pregnantWomen += other.pregnantWomen;
    unaccompaniedChildren += other.unaccompaniedChildren;
    other.transportModes.forEach((mode, count) -> transportModes.merge(mode, count, Long::sum));
    if (adminRegion == null) {
      adminRegion = other.adminRegion;
      latitude = other.latitude;
      longitude = other.longitude;
    }
    return this;
  }
}
