package org.flowwatch.jobs.surgedetection.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flowwatch.schema.FlowAggregate;

/**
 * The series flowwatch monitors and how an aggregate maps to one: per route and direction, per route, nationality
 * and direction (from the route roll-ups), and per point and direction (summing the point's aggregates). A key reads
 * like {@code point=ASSAMAKA|direction=OUTGOING}; it is also part of alert ids, so it must stay stable.
 */
public final class SeriesKeys {
  private SeriesKeys() {}

  /** The series an hourly aggregate belongs to, or null when it feeds none (no route for a route series). */
  public static String of(FlowAggregate aggregate) {
    String direction = aggregate.getDirection().name();
    return switch (aggregate.getLevel()) {
      case POINT -> aggregate.getPointCode() == null ? null
          : "point=" + aggregate.getPointCode() + "|direction=" + direction;
      case ROUTE -> aggregate.getRoute() == null ? null : "route=" + aggregate.getRoute() + "|direction=" + direction;
      case ROUTE_NATIONALITY -> aggregate.getRoute() == null || aggregate.getNationality() == null ? null
          : "route=" + aggregate.getRoute() + "|nationality=" + aggregate.getNationality() + "|direction=" + direction;
    };
  }

  /** Which part of its series an aggregate is: the fields its series key does not fix. */
  public static String member(FlowAggregate aggregate) {
    return switch (aggregate.getLevel()) {
      case POINT -> aggregate.getNationality() + "|" + aggregate.getSourceKind() + "|" + aggregate.getRoute();
      case ROUTE, ROUTE_NATIONALITY -> "";
    };
  }

  /** The fields of a key, in order: e.g. {route=CENTRAL_MED, direction=OUTGOING}. */
  public static Map<String, String> fields(String seriesKey) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : seriesKey.split("\\|")) {
      int equals = part.indexOf('=');
      fields.put(part.substring(0, equals), part.substring(equals + 1));
    }
    return fields;
  }

  /** POINT, ROUTE or ROUTE_NATIONALITY. */
  public static String level(String seriesKey) {
    Map<String, String> fields = fields(seriesKey);
    return fields.containsKey("point") ? "POINT" : fields.containsKey("nationality") ? "ROUTE_NATIONALITY" : "ROUTE";
  }
}
