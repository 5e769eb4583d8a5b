package org.flowwatch.jobs.flowaggregation.validation;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/**
 * The rules a decoded record must pass to be counted. Plain Java: the job applies them, the tests call them directly.
 * Content and clock rules ({@link #check(FlowObservation, long)}) are decided once, where the record is read, so that
 * a record they reject never gets an event time and never moves the watermark. Lateness ({@link #lateness}) depends on
 * the watermark and is decided downstream: a record is too late when the hourly window it belongs to has passed its
 * allowed lateness; the window operator would drop it silently, so it is rejected instead, by the same arithmetic.
 * Messages name the field but never quote an identifier or the exact time of a record: one crossing is one person.
 */
public final class RecordRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final int maxTravellersPerGroup;
  private final long maxFutureMillis;
  private final long allowedLatenessMillis;

  public RecordRules(int maxTravellersPerGroup, Duration maxFuture, Duration allowedLateness) {
    this.maxTravellersPerGroup = maxTravellersPerGroup;
    this.maxFutureMillis = maxFuture.toMillis();
    this.allowedLatenessMillis = allowedLateness.toMillis();
  }

  /** @return why the observation cannot be counted whatever the watermark, or null when it can. */
  public Rejection check(FlowObservation observation, long readAtMillis) {
    if (observation.getId().isBlank()) {
      return new Rejection(RejectReason.INVALID_FIELD, "id is empty");
    }
    if (observation.getPointCode().isBlank()) {
      return new Rejection(RejectReason.INVALID_FIELD, "pointCode is empty");
    }
    if (observation.getTravellers().isEmpty()) {
      return new Rejection(RejectReason.INVALID_COUNT, "travellers is empty: the observation counts nobody");
    }
    for (TravellerGroup group : observation.getTravellers()) {
      Rejection invalid = check(group);
      if (invalid != null) {
        return invalid;
      }
    }
    return checkFuture(observation.getObservedAt(), "observedAt", readAtMillis);
  }

  /** @return why the crossing cannot be counted whatever the watermark, or null when it can. */
  public Rejection check(CheckpointCrossing crossing, long readAtMillis) {
    if (crossing.getId().isBlank()) {
      return new Rejection(RejectReason.INVALID_FIELD, "id is empty");
    }
    if (crossing.getCheckpointCode().isBlank()) {
      return new Rejection(RejectReason.INVALID_FIELD, "checkpointCode is empty");
    }
    if (!COUNTRY.matcher(crossing.getNationality()).matches()) {
      return new Rejection(RejectReason.INVALID_FIELD,
          notACountryCode(crossing.getNationality()));
    }
    return checkFuture(crossing.getCrossedAt(), "crossedAt", readAtMillis);
  }

  private Rejection check(TravellerGroup group) {
    if (!COUNTRY.matcher(group.getNationality()).matches()) {
      return new Rejection(RejectReason.INVALID_FIELD,
          notACountryCode(group.getNationality()));
    }
    int[] counts = {group.getMen(), group.getWomen(), group.getBoys(), group.getGirls(), group.getUnspecified()};
    String[] names = {"men", "women", "boys", "girls", "unspecified"};
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        return new Rejection(RejectReason.INVALID_COUNT,
            names[i] + " of " + group.getNationality() + " is negative (" + counts[i] + ")");
      }
      total += counts[i];
    }
    if (total == 0) {
      return new Rejection(RejectReason.INVALID_COUNT, "group of " + group.getNationality() + " counts nobody");
    }
    if (total > maxTravellersPerGroup) {
      return new Rejection(RejectReason.INVALID_COUNT, "group of " + group.getNationality() + " counts " + total
          + " travellers, more than the plausible maximum of " + maxTravellersPerGroup);
    }
    Vulnerabilities v = group.getVulnerabilities();
    int[] vulnerable = {v.getChildrenUnder5(), v.getElderly(), v.getWithDisability(), v.getPregnantWomen(),
        v.getUnaccompaniedChildren()};
    for (int count : vulnerable) {
      if (count < 0 || count > total) {
        return new Rejection(RejectReason.INVALID_COUNT, "vulnerability count " + count + " of "
            + group.getNationality() + " is outside 0.." + total);
      }
    }
    return null;
  }

  /**
   * The value is not quoted: a value in the wrong column can be anything, a name or a document number included. The
   * rejected-records topic keeps the bytes for whoever fixes the source.
   */
  private static String notACountryCode(String nationality) {
    return "nationality is not an ISO 3166-1 alpha-3 code (" + nationality.length() + " characters)";
  }

  /** Messages name the hour of the event time only: the exact time of a border crossing identifies a person. */
  private Rejection checkFuture(Instant eventTime, String field, long readAtMillis) {
    if (eventTime.toEpochMilli() > readAtMillis + maxFutureMillis) {
      return new Rejection(RejectReason.FUTURE_EVENT_TIME, field + " in the hour from "
          + eventTime.truncatedTo(ChronoUnit.HOURS) + " is more than " + Duration.ofMillis(maxFutureMillis)
          + " ahead of the clock when the record was read (" + Instant.ofEpochMilli(readAtMillis) + ")");
    }
    return null;
  }

  /** @return a TOO_LATE rejection when the record's hourly window is closed at {@code watermark}, else null. */
  public Rejection lateness(long eventTime, long watermark) {
    if (!tooLate(eventTime, watermark)) {
      return null;
    }
    return new Rejection(RejectReason.TOO_LATE, "its hour starting " + Instant.ofEpochMilli(Math.floorDiv(eventTime, HOUR)
        * HOUR) + " was closed for good (allowed lateness " + Duration.ofMillis(allowedLatenessMillis)
        + ", watermark " + Instant.ofEpochMilli(watermark) + ")");
  }

  /** True when the hourly window of {@code eventTime} has been cleaned up by the time the watermark is at {@code watermark}. */
  public boolean tooLate(long eventTime, long watermark) {
    long windowMaxTimestamp = Math.floorDiv(eventTime, HOUR) * HOUR + HOUR - 1;
    return windowMaxTimestamp + allowedLatenessMillis <= watermark;
  }

  /** The watermark at which the record's state may be forgotten: from then on a resend is rejected as too late. */
  public long forgetAt(long eventTime) {
    return Math.floorDiv(eventTime, HOUR) * HOUR + HOUR - 1 + allowedLatenessMillis;
  }
}
