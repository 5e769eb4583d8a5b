package org.flowwatch.jobs.common.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowwatch.schema.MonitoringPoint;

/**
 * Which points and routes exist: the bundled defaults (Niger), which the reference topic overrides and extends at run
 * time. Plain Java, so the rules are unit-tested without Flink.
 */
public final class PointRegistry implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String NIGER_ROUTES = "/flowwatch/reference/niger-routes.csv";

  private final Map<String, MonitoringPoint> points;
  private final Map<String, RouteDefinition> routes;

  public PointRegistry(List<MonitoringPoint> points, List<RouteDefinition> routes) {
    this.points = new HashMap<>();
    points.forEach(point -> this.points.put(point.getCode(), point));
    this.routes = new HashMap<>();
    routes.forEach(route -> this.routes.put(route.code(), route));
  }

  /** The bundled registry of Niger's points and routes. */
  public static PointRegistry niger() {
    return new PointRegistry(MonitoringPoints.niger(), nigerRoutes());
  }

  /** Everything bundled: Niger's points and routes, and the EU external border routes of Frontex's statistics. */
  public static PointRegistry bundled() {
    List<MonitoringPoint> points = new java.util.ArrayList<>(MonitoringPoints.niger());
    points.addAll(MonitoringPoints.euExternalBorders());
    return new PointRegistry(points, nigerRoutes());
  }

  public MonitoringPoint point(String code) {
    return points.get(code);
  }

  /**
   * The route of a movement at a point: the one the record names, else the point's route whose far end is the
   * movement's origin or destination country, else the point's only route; null when none fits.
   */
  public static String resolveRoute(MonitoringPoint point, String declaredRoute, Map<String, RouteDefinition> routes,
      String originCountry, String destinationCountry) {
    if (declaredRoute != null && !declaredRoute.isBlank()) {
      return declaredRoute;
    }
    List<String> candidates = point.getRoutes();
    for (String code : candidates) {
      RouteDefinition route = routes.get(code);
      if (route != null && (isFarEnd(route, originCountry) || isFarEnd(route, destinationCountry))) {
        return code;
      }
    }
    return candidates.size() == 1 ? candidates.get(0) : null;
  }

  private static boolean isFarEnd(RouteDefinition route, String country) {
    return country != null && route.farEndCountries().contains(country);
  }

  public String resolveRoute(MonitoringPoint point, String declaredRoute, String originCountry, String destinationCountry) {
    return resolveRoute(point, declaredRoute, routes, originCountry, destinationCountry);
  }

  public Map<String, RouteDefinition> routes() {
    return Map.copyOf(routes);
  }

  static List<RouteDefinition> nigerRoutes() {
    try (InputStream in = PointRegistry.class.getResourceAsStream(NIGER_ROUTES)) {
      if (in == null) {
        throw new IllegalStateException("bundled routes missing from the class path: " + NIGER_ROUTES);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split(",", -1))
          .map(fields -> new RouteDefinition(fields[0], fields[1], Set.of(fields[2].split(";"))))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
