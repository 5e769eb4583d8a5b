package org.flowwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboards' fixture: a small set of flow aggregates, alerts, rejects, duplicates and deliveries indexed into a
 * real Elasticsearch through the real index templates (which must be on the class path), in indices of one run only
 * ({@code flowwatch-<kind>-<run>-...}). It also holds what a panel must not count: documents of other aggregate
 * levels, of the published view, and outside a 30-day time range. The panel query tests and the board's browser tests
 * read the same fixture, so both check the same numbers.
 */
public final class DashboardFixture {
  /** The index templates, by name, under /flowwatch/dashboards/elasticsearch/index-templates/. */
  public static final List<String> TEMPLATES = List.of("flowwatch-flows", "flowwatch-alerts", "flowwatch-rejected",
      "flowwatch-duplicates", "flowwatch-points", "flowwatch-deliveries");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String elasticsearch;
  private final String run;
  private final Instant today;
  private final Instant yesterday;

  /**
   * @param elasticsearch the server's URL
   * @param run the run's qualifier in every index name
   * @param today the start of the fixture's day (UTC): documents sit today, yesterday, a week and 40 days before
   */
  public DashboardFixture(String elasticsearch, String run, Instant today) {
    this.elasticsearch = elasticsearch;
    this.run = run;
    this.today = today;
    this.yesterday = today.minus(1, ChronoUnit.DAYS);
  }

  /** Installs the index templates, indexes the fixture and refreshes its indices. */
  public void index() throws Exception {
    for (String template : TEMPLATES) {
      try (InputStream in = DashboardFixture.class.getResourceAsStream(
          "/flowwatch/dashboards/elasticsearch/index-templates/" + template + ".json")) {
        if (in == null) {
          throw new IllegalStateException("index template " + template + " is not on the class path");
        }
        send("PUT", "/_index_template/" + template, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    String daily = "flowwatch-flows-" + run + "-daily-2026.01.01";
    point(daily, today, "ASSAMAKA", "INCOMING", "NGA", 100, Map.of("men", 60, "women", 20, "boys", 10, "girls", 10,
        "vulnerabilities", Map.of("children_under_5", 5, "elderly", 2), "transport_modes", Map.of("BUS", 70, "TRUCK",
        30)), 19.44, 5.77, 1);
    point(daily, today, "ASSAMAKA", "OUTGOING", "MLI", 40, Map.of("men", 40, "transport_modes", Map.of("ON_FOOT", 40)),
        19.44, 5.77, 1);
    point(daily, today, "ARLIT", "INCOMING", "NGA", 30, Map.of("women", 30, "transport_modes", Map.of("TRUCK", 30)),
        18.74, 7.39, 1);
    point(daily, today.minus(7, ChronoUnit.DAYS), "ASSAMAKA", "INCOMING", "NGA", 50,
        Map.of("men", 50, "transport_modes", Map.of("BUS", 50)), 19.44, 5.77, 1);
    point(daily, today.minus(40, ChronoUnit.DAYS), "ASSAMAKA", "INCOMING", "NGA", 1000, Map.of("men", 1000), 19.44,
        5.77, 1); // outside the time range
    point("flowwatch-flows-" + run + "-published-daily-2026.01.01", today, "ASSAMAKA", "INCOMING", "OTHER", 999,
        Map.of("men", 999), 19.44, 5.77, 1); // the published view: never in the internal panels
    route(daily, today, "AGADEZ-LIBYA", "OUTGOING", 140);
    route(daily, today, "AGADEZ-ALGERIA", "INCOMING", 130);
    route(daily, yesterday, "AGADEZ-LIBYA", "OUTGOING", 90);

    String hourly = "flowwatch-flows-" + run + "-hourly-2026.01.01";
    point(hourly, yesterday.plus(9, ChronoUnit.HOURS), "ASSAMAKA", "INCOMING", "NGA", 10, Map.of("men", 10), 19.44,
        5.77, 1);
    point(hourly, yesterday.plus(4, ChronoUnit.HOURS), "ASSAMAKA", "INCOMING", "NGA", 10, Map.of("men", 10), 19.44,
        5.77, 2);
    point(hourly, yesterday.plus(2, ChronoUnit.HOURS), "ARLIT", "INCOMING", "NGA", 5, Map.of("men", 5), 18.74, 7.39, 3);

    String alerts = "flowwatch-alerts-" + run + "-2026.11.01";
    alert(alerts, "a1", today, "SURGE", "OPEN", "AGADEZ-LIBYA", "NGA", null);
    alert(alerts, "a2", yesterday, "SURGE", "RESOLVED", "AGADEZ-LIBYA", "NGA", null);
    alert(alerts, "a3", yesterday, "SILENCE", "ESCALATED", null, null, "ARLIT");
    alert(alerts, "a4", today, "COLLAPSE", "RESOLVED", "AGADEZ-ALGERIA", "MLI", null);

    String rejected = "flowwatch-rejected-" + run + "-2026.11.01";
    reject(rejected, "flowwatch.flow-observations", 1, "INVALID_COUNT");
    reject(rejected, "flowwatch.flow-observations", 2, "INVALID_COUNT");
    reject(rejected, "flowwatch.checkpoint-crossings", 3, "UNKNOWN_POINT");
    // Too late: two in one hour, one three hours on, from a topic of their own.
    reject(rejected, "flowwatch.registry-uploads", 4, "TOO_LATE", yesterday);
    reject(rejected, "flowwatch.registry-uploads", 5, "TOO_LATE", yesterday.plus(20, ChronoUnit.MINUTES));
    reject(rejected, "flowwatch.registry-uploads", 6, "TOO_LATE", yesterday.plus(3, ChronoUnit.HOURS));
    String duplicates = "flowwatch-duplicates-" + run + "-2026.11.01";
    index(duplicates, "5f3a|1", Map.of("@timestamp", yesterday.toString(), "source_kind",
        "FLOW_MONITORING", "record_key_hmac", "5f3a", "resend", 1));
    index(duplicates, "5f3a|2", Map.of("@timestamp", yesterday.toString(), "source_kind",
        "FLOW_MONITORING", "record_key_hmac", "5f3a", "resend", 2));
    index(duplicates, "9c1e|1", Map.of("@timestamp", today.toString(), "source_kind",
        "BORDER_CROSSING", "record_key_hmac", "9c1e", "resend", 1));
    // The delivery log, as DeliveryDocuments writes it (the strict template refuses any other field).
    String deliveries = "flowwatch-deliveries-" + run + "-2026.11.01";
    delivery(deliveries, "m1", "sub-a", "webhook-1", 1, "DELIVERED", 200, null, today);
    delivery(deliveries, "m2", "sub-a", "webhook-1", 1, "RETRYING", 503, "HTTP 503", yesterday);
    delivery(deliveries, "m2", "sub-a", "webhook-1", 2, "DELIVERED", 200, null, yesterday.plus(5, ChronoUnit.MINUTES));
    delivery(deliveries, "m3", "sub-b", "email-1", 1, "DELIVERED", 250, null, yesterday);
    delivery(deliveries, "m4", "sub-b", "webhook-1", 1, "DISABLED", 410, "HTTP 410", today);
    delivery(deliveries, "m4", "sub-b", "webhook-1", 1, "DEAD_LETTERED", 410,
        "the endpoint answered 410 Gone: disabled", today);
    delivery(deliveries, "m5", "sub-b", "webhook-1", 1, "DEAD_LETTERED", null,
        "the endpoint answered 410 Gone earlier and is disabled", today);
    delivery(deliveries, "m6", "sub-c", "kafka-1", 1, "DELIVERED", null, null, today);
    delivery(deliveries, "m7", "sub-a", "webhook-1", 1, "DEAD_LETTERED", 400, "refused for good: HTTP 400",
        today.minus(40, ChronoUnit.DAYS)); // outside the time range
    send("POST", "/*" + run + "*/_refresh", null);
  }

  private void point(String index, Instant start, String point, String direction, String nationality,
      long travellers, Map<String, Object> more, double lat, double lon, int revision) throws Exception {
    Map<String, Object> document = new HashMap<>(more);
    boolean hourly = index.contains("-hourly-");
    document.put("@timestamp", start.toString());
    document.put("window_end", start.plus(hourly ? 1 : 24, ChronoUnit.HOURS).toString());
    document.put("granularity", hourly ? "HOURLY" : "DAILY");
    document.put("level", "POINT");
    document.put("point_code", point);
    document.put("direction", direction);
    document.put("nationality", nationality);
    document.put("admin_region", "AGADEZ");
    document.put("location", Map.of("lat", lat, "lon", lon));
    document.put("travellers", travellers);
    document.put("revision", revision);
    index(index, null, document);
  }

  private void route(String index, Instant start, String route, String direction, long travellers)
      throws Exception {
    index(index, null, Map.of("@timestamp", start.toString(), "granularity", "DAILY", "level", "ROUTE", "route", route,
        "direction", direction, "travellers", travellers, "men", travellers, "revision", 1));
  }

  private void alert(String index, String id, Instant opened, String signal, String status, String route,
      String nationality, String point) throws Exception {
    Map<String, Object> document = new HashMap<>(Map.of("@timestamp", opened.toString(), "updated_at",
        opened.toString(), "alert_id", id, "signal", signal, "status", status, "severity", "LOW", "method",
        "farrington", "series_key", "k", "observed", 10.0, "revision", 1));
    document.put("expected", 4.0);
    document.put("threshold", 8.0);
    if (route != null) {
      document.put("route", route);
    }
    if (nationality != null) {
      document.put("nationality", nationality);
    }
    if (point != null) {
      document.put("point_code", point);
    }
    index(index, id, document);
  }

  private void reject(String index, String topic, long offset, String reason) throws Exception {
    reject(index, topic, offset, reason, yesterday);
  }

  private void reject(String index, String topic, long offset, String reason, Instant rejectedAt)
      throws Exception {
    index(index, topic + "/0/" + offset, Map.of("@timestamp", rejectedAt.toString(), "reason", reason, "message",
        "fixture", "source_topic", topic, "source_partition", 0, "source_offset", offset));
  }

  /** A delivery log document with every field DeliveryDocuments writes (status code and reason when known). */
  private void delivery(String index, String message, String subscription, String channel, int attempt,
      String outcome, Integer statusCode, String reason, Instant attemptedAt) throws Exception {
    Map<String, Object> document = new HashMap<>(Map.of("@timestamp", attemptedAt.toString(), "message_id", message,
        "subscription_id", subscription, "channel", channel, "channel_type",
        channel.substring(0, channel.indexOf('-')).toUpperCase(java.util.Locale.ROOT), "kind", "IMMEDIATE",
        "alert_ids", java.util.List.of("a1", "a3"), "revisions", java.util.List.of(1, 2), "attempt", attempt,
        "outcome", outcome));
    document.put("latency_ms", 120L);
    if (statusCode != null) {
      document.put("status_code", statusCode);
    }
    if (reason != null) {
      document.put("reason", reason);
    }
    if (outcome.equals("RETRYING")) {
      document.put("next_attempt_at", attemptedAt.plus(5, ChronoUnit.MINUTES).toString());
    }
    index(index, message + ":" + subscription + ":" + channel + ":" + attempt + ":" + outcome, document);
  }

  private void index(String index, String id, Map<String, Object> document) throws Exception {
    send(id == null ? "POST" : "PUT", "/" + index + "/_doc" + (id == null ? ""
        : "/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)),
        JSON.writeValueAsString(document));
  }

  /** A request to the server, failing on any answer but 2xx. */
  public JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearch + path))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
