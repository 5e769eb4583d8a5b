package org.flowwatch.jobs.alertdelivery.routing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.SeriesLevel;

/**
 * Where alerts are, from the registry of monitoring points: the point of a point series, or every point of a route
 * series' route, with a name, regions, a centre and a radius (what filters by region or point and CAP's area need).
 * Computed once when built, so describing an alert is a look-up.
 */
public final class AlertPlaces implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double POINT_RADIUS_KM = 10;
  private static final double EARTH_RADIUS_KM = 6371.0088;

  /** A point or a route as alerts show it. */
  private record Place(String name, List<String> regions, List<String> points, double latitude, double longitude,
      double radiusKm) implements Serializable {}

  private final Map<String, Place> points = new HashMap<>();
  private final Map<String, Place> routes = new HashMap<>();

  public AlertPlaces(List<MonitoringPoint> registry) {
    Map<String, List<MonitoringPoint>> pointsByRoute = new HashMap<>();
    for (MonitoringPoint point : registry) {
      points.put(point.getCode(), new Place(point.getName(), List.of(point.getAdminRegion()),
          List.of(point.getCode()), point.getLatitude(), point.getLongitude(), POINT_RADIUS_KM));
      point.getRoutes().forEach(route -> pointsByRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(point));
    }
    pointsByRoute.forEach((route, onRoute) -> routes.put(route, route(route, onRoute)));
  }

  /** The alert as a subscriber sees it; an alert on a point or route the registry lacks has no place, and still goes. */
  public AlertChange describe(SurgeAlert alert, List<EarlierRevision> earlier) {
    Place place = alert.getPointCode() != null ? points.get(alert.getPointCode())
        : alert.getRoute() != null ? routes.get(alert.getRoute()) : null;
    AlertChange.Builder change = AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(Transitions.of(alert))
        .setLevel(level(alert))
        .setEarlier(List.copyOf(earlier));
    if (place != null) {
      change.setAreaName(place.name()).setRegions(place.regions()).setPoints(place.points())
          .setLatitude(place.latitude()).setLongitude(place.longitude()).setRadiusKm(place.radiusKm());
    }
    return change.build();
  }

  static SeriesLevel level(SurgeAlert alert) {
    if (alert.getPointCode() != null) {
      return SeriesLevel.POINT;
    }
    return alert.getNationality() != null ? SeriesLevel.ROUTE_NATIONALITY : SeriesLevel.ROUTE;
  }

  /** A route: named by its code, centred on the mean of its points, with a radius that reaches the farthest one. */
  private static Place route(String code, List<MonitoringPoint> onRoute) {
    double latitude = onRoute.stream().mapToDouble(MonitoringPoint::getLatitude).average().orElseThrow();
    double longitude = onRoute.stream().mapToDouble(MonitoringPoint::getLongitude).average().orElseThrow();
    double farthest = onRoute.stream()
        .mapToDouble(point -> distanceKm(latitude, longitude, point.getLatitude(), point.getLongitude()))
        .max().orElseThrow();
    return new Place(code,
        onRoute.stream().map(MonitoringPoint::getAdminRegion).distinct().sorted().toList(),
        onRoute.stream().map(MonitoringPoint::getCode).distinct().sorted().toList(),
        latitude, longitude, Math.max(POINT_RADIUS_KM, Math.ceil(farthest)));
  }

  /** Great-circle distance (haversine). */
  static double distanceKm(double latitude1, double longitude1, double latitude2, double longitude2) {
    double dLatitude = Math.toRadians(latitude2 - latitude1);
    double dLongitude = Math.toRadians(longitude2 - longitude1);
    double a = Math.pow(Math.sin(dLatitude / 2), 2) + Math.cos(Math.toRadians(latitude1))
        * Math.cos(Math.toRadians(latitude2)) * Math.pow(Math.sin(dLongitude / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
