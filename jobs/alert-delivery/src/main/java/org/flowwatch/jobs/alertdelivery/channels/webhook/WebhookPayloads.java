package org.flowwatch.jobs.alertdelivery.channels.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;

/**
 * The JSON body of a webhook in the JSON format, version 1, described by {@code schemas/json/alert-message-v1.schema.json}:
 * Standard Webhooks' envelope ({@code type}, {@code timestamp}, {@code data}) around the message's alert changes.
 *
 * <p>Every property is always present, null when it does not apply (a point alert has no route), so a consumer sees
 * one shape. The bytes depend on the message alone (the envelope's timestamp is when the message was planned, properties
 * come in a fixed order): every retry sends, and signs, the same body, and receivers may deduplicate on it.
 */
public final class WebhookPayloads {
  public static final String TYPE = "flowwatch.alert-message";
  public static final String SCHEMA_VERSION = "1";
  public static final String CONTENT_TYPE = "application/json";
  /** Always milliseconds, so that equal instants are equal strings. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DashboardLinks dashboardLinks;

  public WebhookPayloads(DashboardLinks dashboardLinks) {
    this.dashboardLinks = dashboardLinks;
  }

  /** The body, UTF-8. */
  public byte[] json(AlertMessage message) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("type", TYPE);
    envelope.put("timestamp", timestamp(message.getPlannedAt()));
    envelope.set("data", data(message));
    try {
      return JSON.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /** ISO-8601 in UTC with milliseconds, e.g. 2026-11-30T08:00:00.000Z; null stays null. */
  public static String timestamp(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }

  /** The payload's language tag: fr or en. */
  public static String languageTag(Language language) {
    return language.name().toLowerCase(Locale.ROOT);
  }

  private ObjectNode data(AlertMessage message) {
    Language language = message.getSubscription().getLanguage();
    ObjectNode data = JSON.createObjectNode();
    data.put("schema_version", SCHEMA_VERSION);
    data.put("message_id", message.getId());
    data.put("kind", message.getKind().name());
    data.put("test", message.getKind() == MessageKind.TEST);
    ObjectNode subscription = data.putObject("subscription");
    subscription.put("id", message.getSubscription().getId());
    subscription.put("name", message.getSubscription().getName());
    data.put("language", languageTag(language));
    ArrayNode alerts = data.putArray("alerts");
    for (AlertChange change : message.getChanges()) {
      alerts.add(alert(change, language));
    }
    return data;
  }

  private ObjectNode alert(AlertChange change, Language language) {
    SurgeAlert alert = change.getAlert();
    ObjectNode node = JSON.createObjectNode();
    node.put("id", alert.getId());
    node.put("revision", alert.getRevision());
    node.put("transition", change.getTransition().name());
    node.put("signal", alert.getSignal().name());
    node.put("status", alert.getStatus().name());
    node.put("severity", alert.getSeverity().name());
    node.put("method", alert.getMethod());
    ObjectNode series = node.putObject("series");
    series.put("key", alert.getSeriesKey());
    series.put("level", change.getLevel().name());
    series.put("route", alert.getRoute());
    series.put("point", alert.getPointCode());
    series.put("nationality", alert.getNationality());
    series.put("direction", alert.getDirection() == null ? null : alert.getDirection().name());
    ObjectNode area = node.putObject("area");
    area.put("name", change.getAreaName());
    strings(area.putArray("regions"), change.getRegions());
    strings(area.putArray("points"), change.getPoints());
    area.put("latitude", change.getLatitude());
    area.put("longitude", change.getLongitude());
    area.put("radius_km", change.getRadiusKm());
    putFigure(node, "observed", alert.getObserved());
    putFigure(node, "expected", alert.getExpected());
    putFigure(node, "threshold", alert.getThreshold());
    putFigure(node, "score", alert.getScore());
    node.put("opened_at", timestamp(alert.getOpenedAt()));
    node.put("updated_at", timestamp(alert.getUpdatedAt()));
    node.put("resolved_at", timestamp(alert.getResolvedAt()));
    node.put("headline", AlertWording.headline(change, language));
    node.put("dashboard_url", dashboardLinks.forAlert(alert.getId()));
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** A figure, or null where the method has none for the period (NaN): JSON has no NaN. */
  private static void putFigure(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }
}
