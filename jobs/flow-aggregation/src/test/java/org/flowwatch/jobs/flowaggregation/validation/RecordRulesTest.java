package org.flowwatch.jobs.flowaggregation.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.time.Duration;
import java.time.Instant;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;
import org.junit.jupiter.api.Test;

class RecordRulesTest {
  private static final long NOW = Instant.parse("2024-01-20T12:00:00Z").toEpochMilli();
  private final RecordRules rules = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));

  private static FlowObservation at(String time, TravellerGroup... groups) {
    return observation("o1", "NE-AGZ", time, Direction.OUTGOING, TransportMode.TRUCK, groups);
  }

  private static RejectReason reason(Rejection rejection) {
    return rejection == null ? null : rejection.reason();
  }

  @Test
  void acceptsAPlausibleObservation() {
    assertThat(rules.check(at("2024-01-20T08:00:00Z", group("NGA", 10, 2, 1, 0)), NOW)).isNull();
  }

  @Test
  void rejectsNegativeZeroAndAbsurdCounts() {
    assertThat(reason(rules.check(at("2024-01-20T08:00:00Z", group("NGA", -1, 2, 0, 0)), NOW)))
        .isEqualTo(RejectReason.INVALID_COUNT);
    assertThat(reason(rules.check(at("2024-01-20T08:00:00Z", group("NGA", 0, 0, 0, 0)), NOW)))
        .isEqualTo(RejectReason.INVALID_COUNT);
    assertThat(reason(rules.check(at("2024-01-20T08:00:00Z", group("NGA", 5_001, 0, 0, 0)), NOW)))
        .isEqualTo(RejectReason.INVALID_COUNT);
    assertThat(reason(rules.check(at("2024-01-20T08:00:00Z"), NOW))).isEqualTo(RejectReason.INVALID_COUNT);
    TravellerGroup tooManyVulnerable = new TravellerGroup("NGA", 1, 0, 0, 0, 0, new Vulnerabilities(3, 0, 0, 0, 0));
    assertThat(reason(rules.check(at("2024-01-20T08:00:00Z", tooManyVulnerable), NOW)))
        .isEqualTo(RejectReason.INVALID_COUNT);
  }

  @Test
  void rejectsANationalityThatIsNotAnIsoCodeNamingTheFieldButNotTheValue() {
    // A value in the wrong column can be a name or a document number: the message must not carry it.
    Rejection rejection = rules.check(at("2024-01-20T08:00:00Z", group("P1234567", 1, 0, 0, 0)), NOW);
    assertThat(reason(rejection)).isEqualTo(RejectReason.INVALID_FIELD);
    assertThat(rejection.message()).contains("nationality").doesNotContain("P1234567");
  }

  @Test
  void timeMessagesNameTheHourButNotTheExactTimeOfTheRecord() {
    Rejection future = rules.check(at("2024-01-20T18:01:37Z", group("NGA", 1, 0, 0, 0)), NOW);
    Rejection late = rules.lateness(Instant.parse("2024-01-10T08:17:37Z").toEpochMilli(), NOW);

    assertThat(future.message()).contains("2024-01-20T18:00:00Z").doesNotContain("18:01:37");
    assertThat(reason(late)).isEqualTo(RejectReason.TOO_LATE);
    assertThat(late.message()).contains("2024-01-10T08:00:00Z").doesNotContain("08:17:37");
  }

  @Test
  void rejectsAnEventTimeTooFarAheadOfTheClock() {
    assertThat(rules.check(at("2024-01-20T17:59:00Z", group("NGA", 1, 0, 0, 0)), NOW)).isNull();
    assertThat(reason(rules.check(at("2024-01-20T18:01:00Z", group("NGA", 1, 0, 0, 0)), NOW)))
        .isEqualTo(RejectReason.FUTURE_EVENT_TIME);
  }

  @Test
  void aRecordIsTooLateExactlyWhenItsHourlyWindowHasBeenCleanedUp() {
    long hourEnd = Instant.parse("2024-01-17T09:00:00Z").toEpochMilli();
    long cleanup = hourEnd - 1 + Duration.ofDays(3).toMillis();
    long eventTime = Instant.parse("2024-01-17T08:59:59Z").toEpochMilli();

    assertThat(rules.tooLate(eventTime, cleanup - 1)).isFalse();
    assertThat(rules.tooLate(eventTime, cleanup)).isTrue();
    assertThat(rules.forgetAt(eventTime)).isEqualTo(cleanup);
    assertThat(rules.lateness(eventTime, cleanup - 1)).isNull();
    Rejection late = rules.lateness(eventTime, cleanup);
    assertThat(reason(late)).isEqualTo(RejectReason.TOO_LATE);
    assertThat(late.message()).as("names the hour, not the record's exact time").contains("2024-01-17T08:00:00Z")
        .doesNotContain("2024-01-17T08:59");
  }

  @Test
  void checksCrossingsToo() {
    CheckpointCrossing crossing = new CheckpointCrossing("c1", "NE-MAG", Instant.parse("2024-01-20T08:00:00Z"),
        CrossingDirection.ENTRY, "NGA", Sex.FEMALE, AgeBand.AGE_18_59, DocumentType.NATIONAL_ID, MovementReason.SEASONAL);
    assertThat(rules.check(crossing, NOW)).isNull();
    crossing.setNationality("ng");
    assertThat(reason(rules.check(crossing, NOW))).isEqualTo(RejectReason.INVALID_FIELD);
  }
}
