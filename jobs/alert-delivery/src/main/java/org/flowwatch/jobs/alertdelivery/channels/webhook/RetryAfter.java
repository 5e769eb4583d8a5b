package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An HTTP Retry-After header (RFC 9110): a number of seconds, or an HTTP-date. */
final class RetryAfter {
  private RetryAfter() {}

  /** How long to wait from {@code now}; zero for a date already past; null when absent or unreadable. */
  static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
