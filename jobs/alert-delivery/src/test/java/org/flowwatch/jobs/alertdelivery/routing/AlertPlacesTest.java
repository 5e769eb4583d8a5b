package org.flowwatch.jobs.alertdelivery.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.PointKind;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Transition;
import org.junit.jupiter.api.Test;

class AlertPlacesTest {
  private static final MonitoringPoint WEST = point("XX-W", "West", "North", 0, 0, List.of("EQUATOR"));
  private static final MonitoringPoint EAST = point("XX-E", "East", "South", 0, 2, List.of("EQUATOR", "EAST-ONLY"));
  private final AlertPlaces places = new AlertPlaces(List.of(EAST, WEST));

  @Test
  void aPointAlertIsAtItsPointWithinTenKilometres() {
    AlertChange change = places.describe(Alerts.routeSurge().setPointCode("XX-E").setRoute(null).build(), List.of());

    assertThat(change.getLevel()).isEqualTo(SeriesLevel.POINT);
    assertThat(change.getAreaName()).isEqualTo("East");
    assertThat(change.getRegions()).containsExactly("South");
    assertThat(change.getPoints()).containsExactly("XX-E");
    assertThat(change.getLatitude()).isEqualTo(0.0);
    assertThat(change.getLongitude()).isEqualTo(2.0);
    assertThat(change.getRadiusKm()).isEqualTo(10.0);
  }

  @Test
  void aRouteAlertCoversEveryPointOfItsRouteFromTheirCentre() {
    AlertChange change = places.describe(Alerts.routeSurge().setRoute("EQUATOR").build(), List.of());

    assertThat(change.getLevel()).isEqualTo(SeriesLevel.ROUTE);
    assertThat(change.getAreaName()).isEqualTo("EQUATOR");
    assertThat(change.getRegions()).containsExactly("North", "South");
    assertThat(change.getPoints()).containsExactly("XX-E", "XX-W");
    assertThat(change.getLatitude()).isEqualTo(0.0);
    assertThat(change.getLongitude()).isEqualTo(1.0);
    // One degree of longitude on the equator is 111.2 km: rounded up.
    assertThat(change.getRadiusKm()).isEqualTo(112.0);
  }

  @Test
  void aRouteOfOnePointHasAtLeastThePointRadius() {
    assertThat(places.describe(Alerts.routeSurge().setRoute("EAST-ONLY").build(), List.of()).getRadiusKm())
        .isEqualTo(10.0);
  }

  @Test
  void aNationalitySeriesIsOnItsRoute() {
    AlertChange change = places.describe(Alerts.routeSurge().setRoute("EQUATOR").setNationality("NGA").build(),
        List.of());

    assertThat(change.getLevel()).isEqualTo(SeriesLevel.ROUTE_NATIONALITY);
    assertThat(change.getPoints()).containsExactly("XX-E", "XX-W");
  }

  @Test
  void anUnknownPlaceHasNoPlaceAndIsStillDescribed() {
    AlertChange change = places.describe(Alerts.routeSurge().setRoute("ELSEWHERE").build(), List.of());

    assertThat(change.getAreaName()).isNull();
    assertThat(change.getRegions()).isEmpty();
    assertThat(change.getPoints()).isEmpty();
    assertThat(change.getLatitude()).isNull();
    assertThat(change.getLongitude()).isNull();
    assertThat(change.getRadiusKm()).isNull();
    assertThat(places.describe(Alerts.routeSurge().setRoute(null).setPointCode("XX-NONE").build(), List.of())
        .getPoints()).isEmpty();
  }

  @Test
  void carriesTheTransitionAndTheEarlierRevisions() {
    List<EarlierRevision> earlier = List.of(new EarlierRevision(1, Instant.parse("2026-03-02T08:00:00Z")));

    AlertChange change = places.describe(Alerts.routeSurge().setRevision(2).setStatus(AlertStatus.RESOLVED).build(),
        earlier);

    assertThat(change.getTransition()).isEqualTo(Transition.RESOLVED);
    assertThat(change.getEarlier()).isEqualTo(earlier);
  }

  @Test
  void theBundledNigerRouteOfAgadezAndLibyaIsInAgadez() {
    AlertChange change = new AlertPlaces(MonitoringPoints.niger()).describe(Alerts.routeSurge().build(), List.of());

    assertThat(change.getPoints()).contains("NE-AGZ", "NE-SEG", "NE-MAD").isSorted();
    assertThat(change.getRegions()).contains("Agadez");
    assertThat(change.getLatitude()).isBetween(16.0, 22.0);
    assertThat(change.getRadiusKm()).isGreaterThan(100.0);
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(places);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      AlertPlaces copy = (AlertPlaces) in.readObject();
      assertThat(copy.describe(Alerts.routeSurge().setRoute("EQUATOR").build(), List.of()).getLongitude())
          .isCloseTo(1.0, within(1e-9));
    }
  }

  private static MonitoringPoint point(String code, String name, String region, double latitude, double longitude,
      List<String> routes) {
    return MonitoringPoint.newBuilder().setCode(code).setName(name).setKind(PointKind.FLOW_MONITORING_POINT)
        .setCountry("XXX").setAdminRegion(region).setLatitude(latitude).setLongitude(longitude).setRoutes(routes)
        .build();
  }
}
