package org.flowwatch.jobs.surgedetection.functions;

import java.util.Objects;
import org.flowwatch.schema.FlowAggregate;

/**
 * A series flowwatch monitors: per route and direction, per route, nationality and direction (from the route
 * roll-ups), or per point and direction (summing the point's aggregates). Its fields travel with it, so nothing ever
 * parses them back out of {@link #id()}, which reads like {@code point=ASSAMAKA|direction=OUTGOING} and is part of
 * alert ids, so it must stay stable. A POJO for Flink.
 */
public final class SeriesKey {
  /** Set for a point series only. */
  public String point;
  /** Set for route and route x nationality series. */
  public String route;
  /** Set for a route x nationality series only. */
  public String nationality;
  public String direction;

  public SeriesKey() {}

  private SeriesKey(String point, String route, String nationality, String direction) {
    this.point = point;
    this.route = route;
    this.nationality = nationality;
    this.direction = direction;
  }

  public static SeriesKey point(String point, String direction) {
    return new SeriesKey(point, null, null, direction);
  }

  public static SeriesKey route(String route, String nationality, String direction) {
    return new SeriesKey(null, route, nationality, direction);
  }

  /** The series an hourly aggregate belongs to, or null when it feeds none (no route for a route series). */
  public static SeriesKey of(FlowAggregate aggregate) {
    String direction = aggregate.getDirection().name();
    return switch (aggregate.getLevel()) {
      case POINT -> aggregate.getPointCode() == null ? null : point(aggregate.getPointCode(), direction);
      case ROUTE -> aggregate.getRoute() == null ? null : route(aggregate.getRoute(), null, direction);
      case ROUTE_NATIONALITY -> aggregate.getRoute() == null || aggregate.getNationality() == null ? null
          : route(aggregate.getRoute(), aggregate.getNationality(), direction);
    };
  }

  /** Which part of its series an aggregate is: the fields its series key does not fix. */
  public static String member(FlowAggregate aggregate) {
    return switch (aggregate.getLevel()) {
      case POINT -> aggregate.getNationality() + "|" + aggregate.getSourceKind() + "|" + aggregate.getRoute();
      case ROUTE, ROUTE_NATIONALITY -> "";
    };
  }

  /** POINT, ROUTE or ROUTE_NATIONALITY for a series with these fields. */
  public static String level(String point, String nationality) {
    return point != null ? "POINT" : nationality != null ? "ROUTE_NATIONALITY" : "ROUTE";
  }

  public String level() {
    return level(point, nationality);
  }

  /** The stable text form: the key of the series' state and part of its alerts' ids. */
  public String id() {
    if (point != null) {
      return "point=" + point + "|direction=" + direction;
    }
    return "route=" + route + (nationality == null ? "" : "|nationality=" + nationality) + "|direction=" + direction;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesKey key && Objects.equals(point, key.point) && Objects.equals(route, key.route)
        && Objects.equals(nationality, key.nationality) && Objects.equals(direction, key.direction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(point, route, nationality, direction);
  }

  @Override
  public String toString() {
    return id();
  }
}
