package org.flowwatch.jobs.flowaggregation.model;

import java.util.Objects;

/**
 * Key of a point-level flow window: (point, direction, nationality, source kind, route). Plain strings, never enums:
 * an enum's hashCode differs between JVMs, which would send the same key to different subtasks on a real cluster.
 * The route is part of the key because one point serves several corridors (Agadez: Libya and Algeria).
 */
public final class FlowKey {
  public String pointCode;
  public String direction;
  public String nationality;
  public String sourceKind;
  public String route;

  public FlowKey() {}

  public FlowKey(String pointCode, String direction, String nationality, String sourceKind, String route) {
    this.pointCode = pointCode;
    this.direction = direction;
    this.nationality = nationality;
    this.sourceKind = sourceKind;
    this.route = route;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlowKey key && Objects.equals(pointCode, key.pointCode)
        && Objects.equals(direction, key.direction) && Objects.equals(nationality, key.nationality)
        && Objects.equals(sourceKind, key.sourceKind) && Objects.equals(route, key.route);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pointCode, direction, nationality, sourceKind, route);
  }

  @Override
  public String toString() {
    return pointCode + "/" + direction + "/" + nationality + "/" + sourceKind + "/" + route;
  }
}
