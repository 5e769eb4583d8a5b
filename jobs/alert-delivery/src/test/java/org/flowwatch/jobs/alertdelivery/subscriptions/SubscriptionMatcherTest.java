package org.flowwatch.jobs.alertdelivery.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.flowwatch.jobs.alertdelivery.routing.Alerts;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.Transition;
import org.junit.jupiter.api.Test;

class SubscriptionMatcherTest {
  /** An opened, medium surge on AGADEZ-LIBYA outgoing, at points NE-AGZ and NE-SEG in Agadez. */
  private static final AlertChange CHANGE = change(Alerts.routeSurge().build());

  @Test
  void noFiltersMatchAnything() {
    assertThat(matches("{}", CHANGE)).isTrue();
  }

  @Test
  void signals() {
    assertThat(matches("{signals: [surge, silence]}", CHANGE)).isTrue();
    assertThat(matches("{signals: [collapse]}", CHANGE)).isFalse();
  }

  @Test
  void minSeverityOrdersLowMediumHigh() {
    assertThat(matches("{min-severity: low}", CHANGE)).isTrue();
    assertThat(matches("{min-severity: medium}", CHANGE)).isTrue();
    assertThat(matches("{min-severity: high}", CHANGE)).isFalse();
    assertThat(matches("{min-severity: high}", change(Alerts.routeSurge().setSeverity(AlertSeverity.HIGH).build())))
        .isTrue();
  }

  @Test
  void transitions() {
    assertThat(matches("{transitions: [opened]}", CHANGE)).isTrue();
    AlertChange resolved = change(Alerts.routeSurge().setRevision(3).setStatus(AlertStatus.RESOLVED).build());
    assertThat(matches("{transitions: [opened, escalated]}", resolved)).isFalse();
    assertThat(matches("{transitions: [resolved]}", resolved)).isTrue();
  }

  @Test
  void levels() {
    assertThat(matches("{levels: [route]}", CHANGE)).isTrue();
    assertThat(matches("{levels: [point, route-nationality]}", CHANGE)).isFalse();
  }

  @Test
  void routes() {
    assertThat(matches("{routes: [AGADEZ-ALGERIA, AGADEZ-LIBYA]}", CHANGE)).isTrue();
    assertThat(matches("{routes: [AGADEZ-ALGERIA]}", CHANGE)).isFalse();
    assertThat(matches("{routes: [AGADEZ-LIBYA]}", change(Alerts.routeSurge().setRoute(null).build()))).isFalse();
  }

  @Test
  void pointsMatchAnyPointOfTheChange() {
    assertThat(matches("{points: [NE-SEG]}", CHANGE)).isTrue();
    assertThat(matches("{points: [NE-ARL]}", CHANGE)).isFalse();
  }

  @Test
  void regionsMatchAnyRegionOfTheChange() {
    assertThat(matches("{regions: [Zinder, Agadez]}", CHANGE)).isTrue();
    assertThat(matches("{regions: [Zinder]}", CHANGE)).isFalse();
  }

  @Test
  void nationalitiesMatchOnlyNationalitySeries() {
    AlertChange nigerians = change(Alerts.routeSurge().setNationality("NGA").build());
    assertThat(matches("{nationalities: [NGA]}", nigerians)).isTrue();
    assertThat(matches("{nationalities: [MLI]}", nigerians)).isFalse();
    assertThat(matches("{nationalities: [NGA]}", CHANGE)).isFalse();
  }

  @Test
  void directions() {
    assertThat(matches("{directions: [outgoing]}", CHANGE)).isTrue();
    assertThat(matches("{directions: [incoming, transit]}", CHANGE)).isFalse();
    assertThat(matches("{directions: [outgoing]}", change(Alerts.routeSurge().setDirection(null).build()))).isFalse();
  }

  @Test
  void everyFilterMustMatch() {
    assertThat(matches("{signals: [surge], routes: [AGADEZ-LIBYA], regions: [Zinder]}", CHANGE)).isFalse();
    assertThat(matches("{signals: [surge], routes: [AGADEZ-LIBYA], regions: [Agadez]}", CHANGE)).isTrue();
  }

  private static boolean matches(String filters, AlertChange change) {
    return SubscriptionMatcher.matches(subscription(filters), change);
  }

  private static Subscription subscription(String filters) {
    String yaml = """
        subscriptions:
          - id: s
            name: S
            language: en
            channels: [{kafka: {topic: s}}]
            filters: %s
        """.formatted(filters);
    try {
      return SubscriptionsFile.parse("test", new StringReader(yaml)).get(0);
    } catch (InvalidSubscriptionsException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static AlertChange change(SurgeAlert alert) {
    return AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(alert.getStatus() == AlertStatus.RESOLVED ? Transition.RESOLVED : Transition.OPENED)
        .setLevel(alert.getNationality() != null ? SeriesLevel.ROUTE_NATIONALITY : SeriesLevel.ROUTE)
        .setRegions(List.of("Agadez"))
        .setPoints(List.of("NE-AGZ", "NE-SEG"))
        .build();
  }
}
