package org.flowwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.TravellerGroup;
import org.junit.jupiter.api.Test;

class ObservationGeneratorTest {
  private static final Instant MONDAY = Instant.parse("2024-01-15T00:00:00Z").minus(Duration.ofHours(1)); // 00:00 local

  private static long travellers(List<FlowObservation> observations) {
    return observations.stream().flatMap(o -> o.getTravellers().stream())
        .mapToLong(g -> g.getMen() + g.getWomen() + g.getBoys() + g.getGirls()).sum();
  }

  @Test
  void sameSeedGivesTheSameObservations() {
    Instant end = MONDAY.plus(Duration.ofDays(1));
    assertThat(new ObservationGenerator(3, 1).between(MONDAY, end))
        .isEqualTo(new ObservationGenerator(3, 1).between(MONDAY, end));
  }

  @Test
  void aWeekIsOfTheOrderOfIomNigersTenThousandMovementsADay() {
    long week = travellers(new ObservationGenerator(5, 1).between(MONDAY, MONDAY.plus(Duration.ofDays(7))));
    assertThat(week / 7.0).isBetween(7_000.0, 13_000.0);
  }

  @Test
  void mondaysAreBusierThanFridays() {
    ObservationGenerator generator = new ObservationGenerator(9, 1);
    long mondays = 0;
    long fridays = 0;
    for (int week = 0; week < 4; week++) {
      Instant monday = MONDAY.plus(Duration.ofDays(7L * week));
      mondays += travellers(generator.between(monday, monday.plus(Duration.ofDays(1))));
      Instant friday = monday.plus(Duration.ofDays(4));
      fridays += travellers(generator.between(friday, friday.plus(Duration.ofDays(1))));
    }
    assertThat((double) mondays / fridays).isGreaterThan(1.3);
  }

  @Test
  void daylightIsBusierThanNight() {
    ObservationGenerator generator = new ObservationGenerator(13, 1);
    Instant noon = MONDAY.plus(Duration.ofHours(12));
    Instant twoAm = MONDAY.plus(Duration.ofHours(2));
    long day = travellers(generator.between(noon, noon.plus(Duration.ofHours(2))));
    long night = travellers(generator.between(twoAm, twoAm.plus(Duration.ofHours(2))));
    assertThat(day).isGreaterThan(3 * night);
  }

  @Test
  void patternFactorsAverageToOneSoScaleKeepsItsMeaning() {
    double weekly = 0;
    double daily = 0;
    for (int hour = 0; hour < 24 * 7; hour++) {
      Instant time = MONDAY.plus(Duration.ofHours(hour));
      weekly += ObservationGenerator.weeklyFactor(time);
      daily += ObservationGenerator.dailyFactor(time);
    }
    assertThat(weekly / (24 * 7)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(daily / (24 * 7)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void coversEveryBundledPointBothDirectionsAndSeveralNationalities() {
    List<FlowObservation> day = new ObservationGenerator(21, 1).between(MONDAY, MONDAY.plus(Duration.ofDays(1)));

    Set<String> points = day.stream().map(FlowObservation::getPointCode).collect(Collectors.toSet());
    assertThat(points).isEqualTo(MonitoringPoints.niger().stream().map(MonitoringPoint::getCode).collect(Collectors.toSet()));
    assertThat(day).extracting(FlowObservation::getDirection).contains(Direction.INCOMING, Direction.OUTGOING);
    assertThat(day.stream().flatMap(o -> o.getTravellers().stream()).map(TravellerGroup::getNationality).distinct().count())
        .isGreaterThan(8);
    assertThat(day).allSatisfy(o -> assertThat(o.getTravellers()).isNotEmpty()
        .allSatisfy(g -> assertThat(g.getMen() + g.getWomen() + g.getBoys() + g.getGirls()).isPositive()));
    assertThat(day).extracting(FlowObservation::getId).doesNotHaveDuplicates();
  }
}
