package org.flowwatch.jobs.flowaggregation.model;

import java.util.Objects;

/**
 * Key of a flow window: (point, direction, nationality). Plain strings, never enums: an enum's hashCode differs between
 * JVMs, which would send the same key to different subtasks on a real cluster.
 */
public final class FlowKey {
  public String pointCode;
  public String direction;
  public String nationality;

  public FlowKey() {}

  public FlowKey(String pointCode, String direction, String nationality) {
    this.pointCode = pointCode;
    this.direction = direction;
    this.nationality = nationality;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlowKey key && Objects.equals(pointCode, key.pointCode)
        && Objects.equals(direction, key.direction) && Objects.equals(nationality, key.nationality);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pointCode, direction, nationality);
  }

  @Override
  public String toString() {
    return pointCode + "/" + direction + "/" + nationality;
  }
}
