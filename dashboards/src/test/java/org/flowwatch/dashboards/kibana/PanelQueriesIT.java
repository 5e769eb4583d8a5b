package org.flowwatch.dashboards.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query behind every panel, as Elasticsearch runs it (the panel's aggregations with the dashboard's time range
 * where Kibana puts %context%), against a small fixture indexed into the real Elasticsearch server through the real
 * index templates, returns the numbers a reader of the panel must see. The fixture also holds what a panel must not
 * count: documents of other aggregate levels, of the published view, and outside the time range.
 */
@ExtendWith(RealElasticsearch.class)
class PanelQueriesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final KibanaSources SOURCES = KibanaSources.read(Path.of("kibana/src"));
  private static final String RUN = "contract" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
  private static final Instant YESTERDAY = TODAY.minus(1, ChronoUnit.DAYS);
  private static final String FROM = TODAY.minus(30, ChronoUnit.DAYS).toString();
  private static final String TO = Instant.now().toString();

  @BeforeAll
  static void indexTheFixture() throws Exception {
    for (String template : Templates.NAMES) {
      try (InputStream in = PanelQueriesIT.class.getResourceAsStream(
          "/flowwatch/dashboards/elasticsearch/index-templates/" + template + ".json")) {
        send("PUT", "/_index_template/" + template, new String(in.readAllBytes()));
      }
    }
    String daily = "flowwatch-flows-" + RUN + "-daily-2026.01.01";
    point(daily, TODAY, "ASSAMAKA", "INCOMING", "NGA", 100, Map.of("men", 60, "women", 20, "boys", 10, "girls", 10,
        "vulnerabilities", Map.of("children_under_5", 5, "elderly", 2), "transport_modes", Map.of("BUS", 70, "TRUCK",
        30)), 19.44, 5.77, 1);
    point(daily, TODAY, "ASSAMAKA", "OUTGOING", "MLI", 40, Map.of("men", 40, "transport_modes", Map.of("ON_FOOT", 40)),
        19.44, 5.77, 1);
    point(daily, TODAY, "ARLIT", "INCOMING", "NGA", 30, Map.of("women", 30, "transport_modes", Map.of("TRUCK", 30)),
        18.74, 7.39, 1);
    point(daily, TODAY.minus(7, ChronoUnit.DAYS), "ASSAMAKA", "INCOMING", "NGA", 50,
        Map.of("men", 50, "transport_modes", Map.of("BUS", 50)), 19.44, 5.77, 1);
    point(daily, TODAY.minus(40, ChronoUnit.DAYS), "ASSAMAKA", "INCOMING", "NGA", 1000, Map.of("men", 1000), 19.44,
        5.77, 1); // outside the time range
    point("flowwatch-flows-" + RUN + "-published-daily-2026.01.01", TODAY, "ASSAMAKA", "INCOMING", "OTHER", 999,
        Map.of("men", 999), 19.44, 5.77, 1); // the published view: never in the internal panels
    route(daily, TODAY, "AGADEZ-LIBYA", "OUTGOING", 140);
    route(daily, TODAY, "AGADEZ-ALGERIA", "INCOMING", 130);
    route(daily, YESTERDAY, "AGADEZ-LIBYA", "OUTGOING", 90);

    String hourly = "flowwatch-flows-" + RUN + "-hourly-2026.01.01";
    point(hourly, YESTERDAY.plus(9, ChronoUnit.HOURS), "ASSAMAKA", "INCOMING", "NGA", 10, Map.of("men", 10), 19.44,
        5.77, 1);
    point(hourly, YESTERDAY.plus(4, ChronoUnit.HOURS), "ASSAMAKA", "INCOMING", "NGA", 10, Map.of("men", 10), 19.44,
        5.77, 2);
    point(hourly, YESTERDAY.plus(2, ChronoUnit.HOURS), "ARLIT", "INCOMING", "NGA", 5, Map.of("men", 5), 18.74, 7.39, 3);

    String alerts = "flowwatch-alerts-" + RUN + "-2026.11.01";
    alert(alerts, "a1", TODAY, "SURGE", "OPEN", "AGADEZ-LIBYA", "NGA", null);
    alert(alerts, "a2", YESTERDAY, "SURGE", "RESOLVED", "AGADEZ-LIBYA", "NGA", null);
    alert(alerts, "a3", YESTERDAY, "SILENCE", "ESCALATED", null, null, "ARLIT");
    alert(alerts, "a4", TODAY, "COLLAPSE", "RESOLVED", "AGADEZ-ALGERIA", "MLI", null);

    String rejected = "flowwatch-rejected-" + RUN + "-2026.11.01";
    reject(rejected, "flowwatch.flow-observations", 1, "INVALID_COUNT");
    reject(rejected, "flowwatch.flow-observations", 2, "INVALID_COUNT");
    reject(rejected, "flowwatch.checkpoint-crossings", 3, "UNKNOWN_POINT");
    // Too late: two in one hour, one three hours on, from a topic of their own.
    reject(rejected, "flowwatch.registry-uploads", 4, "TOO_LATE", YESTERDAY);
    reject(rejected, "flowwatch.registry-uploads", 5, "TOO_LATE", YESTERDAY.plus(20, ChronoUnit.MINUTES));
    reject(rejected, "flowwatch.registry-uploads", 6, "TOO_LATE", YESTERDAY.plus(3, ChronoUnit.HOURS));
    String duplicates = "flowwatch-duplicates-" + RUN + "-2026.11.01";
    index(duplicates, "5f3a|1", Map.of("@timestamp", YESTERDAY.toString(), "source_kind",
        "FLOW_MONITORING", "record_key_hmac", "5f3a", "resend", 1));
    index(duplicates, "5f3a|2", Map.of("@timestamp", YESTERDAY.toString(), "source_kind",
        "FLOW_MONITORING", "record_key_hmac", "5f3a", "resend", 2));
    index(duplicates, "9c1e|1", Map.of("@timestamp", TODAY.toString(), "source_kind",
        "BORDER_CROSSING", "record_key_hmac", "9c1e", "resend", 1));
    // The delivery log, as DeliveryDocuments writes it (the strict template refuses any other field).
    String deliveries = "flowwatch-deliveries-" + RUN + "-2026.11.01";
    delivery(deliveries, "m1", "sub-a", "webhook-1", 1, "DELIVERED", 200, null, TODAY);
    delivery(deliveries, "m2", "sub-a", "webhook-1", 1, "RETRYING", 503, "HTTP 503", YESTERDAY);
    delivery(deliveries, "m2", "sub-a", "webhook-1", 2, "DELIVERED", 200, null, YESTERDAY.plus(5, ChronoUnit.MINUTES));
    delivery(deliveries, "m3", "sub-b", "email-1", 1, "DELIVERED", 250, null, YESTERDAY);
    delivery(deliveries, "m4", "sub-b", "webhook-1", 1, "DISABLED", 410, "HTTP 410", TODAY);
    delivery(deliveries, "m4", "sub-b", "webhook-1", 1, "DEAD_LETTERED", 410,
        "the endpoint answered 410 Gone: disabled", TODAY);
    delivery(deliveries, "m5", "sub-b", "webhook-1", 1, "DEAD_LETTERED", null,
        "the endpoint answered 410 Gone earlier and is disabled", TODAY);
    delivery(deliveries, "m6", "sub-c", "kafka-1", 1, "DELIVERED", null, null, TODAY);
    delivery(deliveries, "m7", "sub-a", "webhook-1", 1, "DEAD_LETTERED", 400, "refused for good: HTTP 400",
        TODAY.minus(40, ChronoUnit.DAYS)); // outside the time range
    send("POST", "/*" + RUN + "*/_refresh", null);
  }

  @Test
  void movementsTodayAgainstTheSameDayLastWeekCountPointsOnly() throws Exception {
    JsonNode days = run("flowwatch-movements-today-vs-last-week");
    assertThat(days.at("/today/travellers/value").asDouble()).isEqualTo(170);
    assertThat(days.at("/same day last week/travellers/value").asDouble()).isEqualTo(50);
  }

  @Test
  void incomingAndOutgoingByRouteUseTheRouteRollUps() throws Exception {
    Map<String, Double> byDayDirectionRoute = new HashMap<>();
    for (JsonNode day : run("flowwatch-direction-by-route")) {
      for (JsonNode direction : day.at("/direction/buckets")) {
        for (JsonNode route : direction.at("/route/buckets")) {
          byDayDirectionRoute.put(Instant.ofEpochMilli(day.get("key").asLong()) + " " + direction.get("key").asText()
              + " " + route.get("key").asText(), route.at("/travellers/value").asDouble());
        }
      }
    }
    assertThat(byDayDirectionRoute).containsExactlyInAnyOrderEntriesOf(Map.of(
        TODAY + " OUTGOING AGADEZ-LIBYA", 140.0,
        TODAY + " INCOMING AGADEZ-ALGERIA", 130.0,
        YESTERDAY + " OUTGOING AGADEZ-LIBYA", 90.0));
  }

  @Test
  void theMapSizesEachPointByItsTravellersAndPlacesItAtItsLocation() throws Exception {
    Map<String, JsonNode> points = byKey(run("flowwatch-points-map"));
    assertThat(points).containsOnlyKeys("ASSAMAKA", "ARLIT");
    assertThat(points.get("ASSAMAKA").at("/travellers/value").asDouble()).isEqualTo(190);
    assertThat(points.get("ARLIT").at("/travellers/value").asDouble()).isEqualTo(30);
    assertThat(points.get("ARLIT").at("/place/hits/hits/0/_source/location/lat").asDouble()).isEqualTo(18.74);
  }

  @Test
  void topNationalitiesSexAgeVulnerabilitiesAndTransportModes() throws Exception {
    Map<String, JsonNode> nationalities = byKey(run("flowwatch-top-nationalities"));
    assertThat(nationalities.keySet()).containsExactly("NGA", "MLI");
    assertThat(nationalities.get("NGA").at("/travellers/value").asDouble()).isEqualTo(180);

    JsonNode groups = run("flowwatch-sex-age").get("points");
    assertThat(groups.at("/men/value").asDouble()).isEqualTo(150);
    assertThat(groups.at("/women/value").asDouble()).isEqualTo(50);
    assertThat(groups.at("/boys/value").asDouble()).isEqualTo(10);
    assertThat(groups.at("/unspecified/value").asDouble()).isZero();

    JsonNode vulnerable = run("flowwatch-vulnerabilities").get("points");
    assertThat(vulnerable.at("/children_under_5/value").asDouble()).isEqualTo(5);
    assertThat(vulnerable.at("/elderly/value").asDouble()).isEqualTo(2);

    JsonNode modes = run("flowwatch-transport-modes").get("points");
    assertThat(modes.at("/BUS/value").asDouble()).isEqualTo(120);
    assertThat(modes.at("/TRUCK/value").asDouble()).isEqualTo(60);
    assertThat(modes.at("/ON_FOOT/value").asDouble()).isEqualTo(40);
  }

  @Test
  void dataFreshnessListsTheStalestPointFirst() throws Exception {
    JsonNode points = run("flowwatch-data-freshness");
    assertThat(points.get(0).get("key").asText()).isEqualTo("ARLIT");
    assertThat(Instant.ofEpochMilli(points.get(0).at("/latest/value").asLong()))
        .isEqualTo(YESTERDAY.plus(3, ChronoUnit.HOURS));
    assertThat(Instant.ofEpochMilli(points.get(1).at("/latest/value").asLong()))
        .isEqualTo(YESTERDAY.plus(10, ChronoUnit.HOURS));
  }

  @Test
  void alertsTimelineOpenAlertsAndAlertsByRouteAndNationality() throws Exception {
    Map<String, Long> timeline = new HashMap<>();
    for (JsonNode day : run("flowwatch-alert-timeline")) {
      for (JsonNode signal : day.at("/signal/buckets")) {
        timeline.put(Instant.ofEpochMilli(day.get("key").asLong()) + " " + signal.get("key").asText(),
            signal.get("doc_count").asLong());
      }
    }
    assertThat(timeline).containsExactlyInAnyOrderEntriesOf(Map.of(TODAY + " SURGE", 1L, TODAY + " COLLAPSE", 1L,
        YESTERDAY + " SURGE", 1L, YESTERDAY + " SILENCE", 1L));

    JsonNode open = SOURCES.panels().get("flowwatch-open-alerts");
    ObjectNode search = JSON.createObjectNode();
    search.putObject("query").putObject("bool").putArray("filter").add(open.get("equivalentQuery"));
    JsonNode hits = send("POST", "/" + index(open) + "/_search", search.toString()).at("/hits/hits");
    assertThat(hits).extracting(hit -> hit.get("_id").asText()).containsExactlyInAnyOrder("a1", "a3");

    Map<String, JsonNode> routes = byKey(run("flowwatch-alerts-by-route-nationality"));
    assertThat(routes.get("AGADEZ-LIBYA").at("/nationality/buckets/0/key").asText()).isEqualTo("NGA");
    assertThat(routes.get("AGADEZ-LIBYA").at("/nationality/buckets/0/doc_count").asLong()).isEqualTo(2);
    assertThat(routes.get("AGADEZ-ALGERIA").at("/nationality/buckets/0/doc_count").asLong()).isEqualTo(1);
  }

  @Test
  void rejectedRecordsByReasonAndSourceResendsAndLateUpdates() throws Exception {
    Map<String, JsonNode> reasons = byKey(run("flowwatch-rejected-by-reason"));
    assertThat(reasons.get("INVALID_COUNT").get("doc_count").asLong()).isEqualTo(2);
    assertThat(reasons.get("UNKNOWN_POINT").get("doc_count").asLong()).isEqualTo(1);

    Map<String, JsonNode> sources = byKey(run("flowwatch-rejected-by-source"));
    assertThat(sources.get("flowwatch.checkpoint-crossings").at("/reason/buckets/0/key").asText())
        .isEqualTo("UNKNOWN_POINT");
    assertThat(sources.get("flowwatch.flow-observations").at("/reason/buckets/0/doc_count").asLong()).isEqualTo(2);

    Map<String, Long> resent = new HashMap<>();
    for (JsonNode day : run("flowwatch-duplicates-over-time")) {
      for (JsonNode source : day.at("/source/buckets")) {
        resent.put(Instant.ofEpochMilli(day.get("key").asLong()) + " " + source.get("key").asText(),
            source.get("doc_count").asLong());
      }
    }
    assertThat(resent).containsExactlyInAnyOrderEntriesOf(Map.of(YESTERDAY + " FLOW_MONITORING", 2L,
        TODAY + " BORDER_CROSSING", 1L));

    long late = 0;
    for (JsonNode day : run("flowwatch-late-updates")) {
      late += day.get("doc_count").asLong();
    }
    assertThat(late).as("the two hourly cells with a revision above 1").isEqualTo(2);

    Map<Instant, Long> tooLate = new HashMap<>();
    for (JsonNode hour : run("flowwatch-too-late-over-time")) {
      if (hour.get("doc_count").asLong() > 0) {
        tooLate.put(Instant.ofEpochMilli(hour.get("key").asLong()), hour.get("doc_count").asLong());
      }
    }
    assertThat(tooLate).as("TOO_LATE rejections only, by hour").containsExactlyInAnyOrderEntriesOf(
        Map.of(YESTERDAY, 2L, YESTERDAY.plus(3, ChronoUnit.HOURS), 1L));
  }

  @Test
  void alertDeliveriesByChannelTypeAndOutcomeAndWhatWasGivenUpBySubscription() throws Exception {
    Map<String, Long> byChannelOutcome = new HashMap<>();
    for (JsonNode channelType : run("flowwatch-deliveries-by-outcome")) {
      for (JsonNode outcome : channelType.at("/outcome/buckets")) {
        byChannelOutcome.put(channelType.get("key").asText() + " " + outcome.get("key").asText(),
            outcome.get("doc_count").asLong());
      }
    }
    assertThat(byChannelOutcome).containsExactlyInAnyOrderEntriesOf(Map.of(
        "WEBHOOK DELIVERED", 2L, "WEBHOOK RETRYING", 1L, "WEBHOOK DISABLED", 1L, "WEBHOOK DEAD_LETTERED", 2L,
        "EMAIL DELIVERED", 1L, "KAFKA DELIVERED", 1L));

    Map<String, Long> undelivered = new HashMap<>();
    for (JsonNode subscription : run("flowwatch-undelivered-by-subscription")) {
      for (JsonNode outcome : subscription.at("/outcome/buckets")) {
        undelivered.put(subscription.get("key").asText() + " " + outcome.get("key").asText(),
            outcome.get("doc_count").asLong());
      }
    }
    assertThat(undelivered).as("given up or disabled in the time range only").containsExactlyInAnyOrderEntriesOf(
        Map.of("sub-b DEAD_LETTERED", 2L, "sub-b DISABLED", 1L));
  }

  /** Runs a panel's search and returns what its Vega data sees (the spec's format property). */
  private static JsonNode run(String panelId) throws Exception {
    JsonNode panel = SOURCES.panels().get(panelId);
    ObjectNode body = VegaPanels.search(panel, SOURCES, FROM, TO);
    JsonNode response = send("POST", "/" + index(panel) + "/_search", body.toString());
    JsonNode data = response;
    for (String step : panel.get("format").asText().split("\\.")) {
      data = data.get(step);
    }
    return data;
  }

  /** The data view's index pattern, with this run's indices in place of everyone's. */
  private static String index(JsonNode panel) {
    return SOURCES.dataView(panel.get("dataView").asText()).get("title").asText()
        .replace("flowwatch-flows*", "flowwatch-flows-" + RUN + "*")
        .replace("flowwatch-alerts*", "flowwatch-alerts-" + RUN + "*")
        .replace("flowwatch-rejected*", "flowwatch-rejected-" + RUN + "*")
        .replace("flowwatch-duplicates*", "flowwatch-duplicates-" + RUN + "*")
        .replace("flowwatch-deliveries*", "flowwatch-deliveries-" + RUN + "*");
  }

  private static Map<String, JsonNode> byKey(JsonNode buckets) {
    Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
    buckets.forEach(bucket -> byKey.put(bucket.get("key").asText(), bucket));
    return byKey;
  }

  private static void point(String index, Instant start, String point, String direction, String nationality,
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

  private static void route(String index, Instant start, String route, String direction, long travellers)
      throws Exception {
    index(index, null, Map.of("@timestamp", start.toString(), "granularity", "DAILY", "level", "ROUTE", "route", route,
        "direction", direction, "travellers", travellers, "men", travellers, "revision", 1));
  }

  private static void alert(String index, String id, Instant opened, String signal, String status, String route,
      String nationality, String point) throws Exception {
    Map<String, Object> document = new HashMap<>(Map.of("@timestamp", opened.toString(), "updated_at",
        opened.toString(), "alert_id", id, "signal", signal, "status", status, "severity", "LOW", "method",
        "farrington", "series_key", "k", "observed", 10.0, "revision", 1));
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

  private static void reject(String index, String topic, long offset, String reason) throws Exception {
    reject(index, topic, offset, reason, YESTERDAY);
  }

  private static void reject(String index, String topic, long offset, String reason, Instant rejectedAt)
      throws Exception {
    index(index, topic + "/0/" + offset, Map.of("@timestamp", rejectedAt.toString(), "reason", reason, "message",
        "fixture", "source_topic", topic, "source_partition", 0, "source_offset", offset));
  }

  /** A delivery log document with every field DeliveryDocuments writes (status code and reason when known). */
  private static void delivery(String index, String message, String subscription, String channel, int attempt,
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

  private static void index(String index, String id, Map<String, Object> document) throws Exception {
    send(id == null ? "POST" : "PUT", "/" + index + "/_doc" + (id == null ? ""
        : "/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)),
        JSON.writeValueAsString(document));
  }

  private static JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RealElasticsearch.url() + path))
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
