package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;

/**
 * An alert episode's Elasticsearch document (flowwatch-alerts*, written by surge detection's AlertDocuments) read back
 * as the SurgeAlert it was written from, so that the board describes it with the same code as alert delivery.
 *
 * <p>A document that lacks a field the alert needs, or holds a value the schema does not know (a newer signal, say),
 * is refused with an {@link IllegalArgumentException} naming the document and the field: the caller skips that one
 * alert rather than guessing it. Fields this class does not read are ignored: the search asks only for {@link #FIELDS},
 * and the index mapping is strict.
 */
final class StoredAlerts {
  /** The document fields an alert is read from: the search's {@code _source}. level and severity_rank are derived. */
  static final List<String> FIELDS = List.of("alert_id", "signal", "status", "severity", "method", "series_key",
      "point_code", "route", "nationality", "direction", "@timestamp", "updated_at", "resolved_at", "observed",
      "expected", "threshold", "score", "revision");

  private StoredAlerts() {}

  /**
   * @param hit one hit of a search response: {@code _id} and {@code _source}
   * @throws IllegalArgumentException when a field the alert needs is missing or unreadable
   */
  static SurgeAlert read(JsonNode hit) {
    JsonNode source = hit.path("_source");
    String name = "alert document " + (source.hasNonNull("alert_id") ? source.get("alert_id").asText()
        : hit.path("_id").asText("without id"));
    Fields fields = new Fields(name, source);
    return SurgeAlert.newBuilder()
        .setId(fields.text("alert_id"))
        .setSignal(fields.symbol("signal", AlertSignal.class))
        .setStatus(fields.symbol("status", AlertStatus.class))
        .setSeverity(fields.symbol("severity", AlertSeverity.class))
        .setMethod(fields.text("method"))
        .setSeriesKey(fields.text("series_key"))
        .setPointCode(fields.optionalText("point_code"))
        .setRoute(fields.optionalText("route"))
        .setNationality(fields.optionalText("nationality"))
        .setDirection(source.hasNonNull("direction") ? fields.symbol("direction", Direction.class) : null)
        .setOpenedAt(fields.instant("@timestamp"))
        .setUpdatedAt(fields.instant("updated_at"))
        .setResolvedAt(source.hasNonNull("resolved_at") ? fields.instant("resolved_at") : null)
        .setObserved(fields.number("observed"))
        .setExpected(fields.number("expected"))
        .setThreshold(fields.number("threshold"))
        // The writer always sets a score; the schema's default stands in for documents older than the field.
        .setScore(source.hasNonNull("score") ? fields.number("score") : 0.0)
        .setRevision(fields.revision())
        .build();
  }

  /** Typed reads of one document's fields, each failure naming the document and the field. */
  private record Fields(String name, JsonNode source) {
    JsonNode required(String field) {
      JsonNode value = source.get(field);
      if (value == null || value.isNull()) {
        throw new IllegalArgumentException(name + ": field '" + field + "' is missing");
      }
      return value;
    }

    String text(String field) {
      JsonNode value = required(field);
      if (!value.isTextual() || value.asText().isEmpty()) {
        throw unreadable(field, value, "a non-empty string");
      }
      return value.asText();
    }

    String optionalText(String field) {
      return source.hasNonNull(field) ? text(field) : null;
    }

    <E extends Enum<E>> E symbol(String field, Class<E> type) {
      String value = text(field);
      try {
        return Enum.valueOf(type, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": field '" + field + "' has the unknown value '" + value
            + "' (known: " + List.of(type.getEnumConstants()) + ")", e);
      }
    }

    /** As the writer stores it (ISO-8601), or epoch milliseconds, which the date mapping accepts as well. */
    Instant instant(String field) {
      JsonNode value = required(field);
      if (value.isIntegralNumber()) {
        return Instant.ofEpochMilli(value.asLong());
      }
      try {
        return Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        throw unreadable(field, value, "an ISO-8601 instant");
      }
    }

    double number(String field) {
      JsonNode value = required(field);
      if (!value.isNumber()) {
        throw unreadable(field, value, "a number");
      }
      return value.asDouble();
    }

    int revision() {
      JsonNode value = required("revision");
      if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
        throw unreadable("revision", value, "a whole number from 1");
      }
      return value.asInt();
    }

    private IllegalArgumentException unreadable(String field, JsonNode value, String expected) {
      return new IllegalArgumentException(name + ": field '" + field + "' is " + value + ", not " + expected);
    }
  }
}
