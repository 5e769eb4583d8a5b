package org.flowwatch.jobs.flowaggregation.model;

/**
 * Travellers of one nationality passing one point in one direction at one time: the unit the windows count. An FMR
 * observation of a mixed group becomes one movement per nationality; a border crossing is one movement of one person.
 * Carries the point's reference data so the aggregates can.
 */
public final class Movement {
  public String sourceKind;
  public String pointCode;
  public String direction;
  public String nationality;
  public String route;
  public String adminRegion;
  public double latitude;
  public double longitude;
  public String transportMode;
  public long eventTimeMillis;
  public long men;
  public long women;
  public long boys;
  public long girls;
  /** Travellers whose sex or age group was not recorded. */
  public long unspecified;
  public long childrenUnder5;
  public long elderly;
  public long withDisability;
  public long pregnantWomen;
  public long unaccompaniedChildren;

  public Movement() {}

  public FlowKey key() {
    return new FlowKey(pointCode, direction, nationality, sourceKind, route);
  }

  public long travellers() {
    return men + women + boys + girls + unspecified;
  }
}
