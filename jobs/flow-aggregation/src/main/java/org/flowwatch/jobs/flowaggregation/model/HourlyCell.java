package org.flowwatch.jobs.flowaggregation.model;

/** One cell of an hourly bucket's window: (direction, nationality, route), its running totals and last revision. */
public final class HourlyCell {
  /** {@link org.flowwatch.schema.Direction} ordinal. */
  public byte direction;
  /** Packed ({@link Nationalities}). */
  public int nationality;
  /** Null when no route fits the movement. */
  public String route;
  public FlowCounts counts = new FlowCounts();
  /** Revisions emitted so far: 0 until the window first fires. */
  public int revision;
  /** Counts changed since the last emission, to emit when the hour closes (always, until the first emission). */
  public boolean pending = true;

  public HourlyCell() {}

  public HourlyCell(byte direction, int nationality, String route) {
    this.direction = direction;
    this.nationality = nationality;
    this.route = route;
  }

  /** The cell's key within its bucket. */
  public static String key(byte direction, int nationality, String route) {
    return route == null ? direction + ":" + nationality : direction + ":" + nationality + ":" + route;
  }
}
