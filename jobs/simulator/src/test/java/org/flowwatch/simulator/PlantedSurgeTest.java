package org.flowwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.junit.jupiter.api.Test;

class PlantedSurgeTest {
  /** A Monday 00:00 in Niger (UTC+1): the weekly pattern is the same a week apart. */
  private static final Instant MONDAY = Instant.parse("2024-01-15T00:00:00Z").minus(Duration.ofHours(1));
  private static final Instant SURGE = MONDAY.plus(Duration.ofDays(7));
  private static final PlantedSurge FIVE_FOLD = new PlantedSurge("AGADEZ-LIBYA", Direction.OUTGOING, SURGE, 5);

  private static long travellers(List<FlowObservation> observations, String route, Direction direction) {
    return observations.stream()
        .filter(o -> route.equals(o.getRoute()) && o.getDirection() == direction)
        .flatMap(o -> o.getTravellers().stream())
        .mapToLong(g -> g.getMen() + g.getWomen() + g.getBoys() + g.getGirls()).sum();
  }

  @Test
  void beforeTheSurgeTheTrafficIsThatOfTheSameSeedWithoutIt() {
    assertThat(new ObservationGenerator(7, 1, FIVE_FOLD).between(MONDAY, SURGE))
        .isEqualTo(new ObservationGenerator(7, 1).between(MONDAY, SURGE));
  }

  @Test
  void theSurgingRouteMultipliesItsTrafficAndNothingElseChanges() {
    // A week of surge against the week before: the same weekdays, and enough journeys on the quieter series.
    List<FlowObservation> weeks = new ObservationGenerator(11, 1, FIVE_FOLD)
        .between(MONDAY, SURGE.plus(Duration.ofDays(7)));
    List<FlowObservation> before = weeks.stream().filter(o -> o.getObservedAt().isBefore(SURGE)).toList();
    List<FlowObservation> during = weeks.stream().filter(o -> !o.getObservedAt().isBefore(SURGE)).toList();

    double surging = (double) travellers(during, "AGADEZ-LIBYA", Direction.OUTGOING)
        / travellers(before, "AGADEZ-LIBYA", Direction.OUTGOING);
    double otherDirection = (double) travellers(during, "AGADEZ-LIBYA", Direction.INCOMING)
        / travellers(before, "AGADEZ-LIBYA", Direction.INCOMING);
    double otherRoute = (double) travellers(during, "KANO-ZINDER", Direction.OUTGOING)
        / travellers(before, "KANO-ZINDER", Direction.OUTGOING);
    assertThat(surging).as("a week against the week before, x5 on the surging route").isBetween(4.0, 6.0);
    assertThat(otherDirection).isBetween(0.7, 1.3);
    assertThat(otherRoute).isBetween(0.7, 1.3);
  }

  @Test
  void theSurgeStartsAtItsInstantEvenWithinAnHour() {
    Instant midHour = SURGE.plus(Duration.ofMinutes(30));
    ObservationGenerator generator = new ObservationGenerator(13, 1,
        new PlantedSurge("AGADEZ-LIBYA", Direction.OUTGOING, midHour, 50));
    List<FlowObservation> hour = generator.between(SURGE.plus(Duration.ofHours(10)), SURGE.plus(Duration.ofHours(11)));
    List<FlowObservation> firstHalf = new ObservationGenerator(13, 1,
        new PlantedSurge("AGADEZ-LIBYA", Direction.OUTGOING, midHour, 50)).between(SURGE, midHour);
    assertThat(firstHalf).isEqualTo(new ObservationGenerator(13, 1).between(SURGE, midHour));
    assertThat(travellers(hour, "AGADEZ-LIBYA", Direction.OUTGOING))
        .isGreaterThan(10 * travellers(firstHalf, "AGADEZ-LIBYA", Direction.OUTGOING));
  }

  @Test
  void sameSeedSameSurge() {
    Instant end = SURGE.plus(Duration.ofHours(6));
    assertThat(new ObservationGenerator(3, 1, FIVE_FOLD).between(SURGE, end))
        .isEqualTo(new ObservationGenerator(3, 1, FIVE_FOLD).between(SURGE, end));
  }

  @Test
  void refusesAMultiplierBelowOne() {
    assertThatThrownBy(() -> new PlantedSurge("AGADEZ-LIBYA", Direction.OUTGOING, SURGE, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
