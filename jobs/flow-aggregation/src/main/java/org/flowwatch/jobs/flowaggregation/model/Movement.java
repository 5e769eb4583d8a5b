package org.flowwatch.jobs.flowaggregation.model;

/**
 * Travellers of one nationality passing one point in one direction at one time: the unit the windows count. An FMR
 * observation of a mixed group becomes one movement per nationality.
 */
public final class Movement {
  public String pointCode;
  public String direction;
  public String nationality;
  public String transportMode;
  public long eventTimeMillis;
  public long men;
  public long women;
  public long boys;
  public long girls;
  public long childrenUnder5;
  public long elderly;
  public long withDisability;
  public long pregnantWomen;
  public long unaccompaniedChildren;

  public Movement() {}

  public FlowKey key() {
    return new FlowKey(pointCode, direction, nationality);
  }

  public long travellers() {
    return men + women + boys + girls;
  }
}
