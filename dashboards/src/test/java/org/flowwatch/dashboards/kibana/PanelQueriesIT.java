package org.flowwatch.dashboards.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.testing.DashboardFixture;
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
  private static final KibanaSources SOURCES = KibanaSources.read(Path.of("kibana/src"));
  private static final String RUN = "contract" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
  private static final Instant YESTERDAY = TODAY.minus(1, ChronoUnit.DAYS);
  private static final String FROM = TODAY.minus(30, ChronoUnit.DAYS).toString();
  private static final String TO = Instant.now().toString();
  private static DashboardFixture fixture;

  @BeforeAll
  static void indexTheFixture() throws Exception {
    fixture = new DashboardFixture(RealElasticsearch.url(), RUN, TODAY);
    fixture.index();
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
    JsonNode hits = fixture.send("POST", "/" + index(open) + "/_search", search.toString()).at("/hits/hits");
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
    JsonNode response = fixture.send("POST", "/" + index(panel) + "/_search", body.toString());
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
}
