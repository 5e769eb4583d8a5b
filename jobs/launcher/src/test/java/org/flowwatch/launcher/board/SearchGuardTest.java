package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTEXT = "\"context\": {\"timeFrom\": \"now-30d/d\", \"timeTo\": \"now\", "
      + "\"selections\": [{\"field\": \"route\", \"value\": \"AGADEZ-LIBYA\"}]}";

  private static JsonNode search(String request) throws Exception {
    return JSON.readTree("{\"request\": " + request + ", " + CONTEXT + "}");
  }

  @Test
  void aPanelsRequestGetsTheContextAsItsQueryAndTheSearchTimeout() throws Exception {
    SearchGuard.Search checked = new SearchGuard(null).check(search("{\"index\": \"flowwatch-flows*-daily-*,"
        + "-flowwatch-flows*-published-daily-*\", \"%context%\": true, \"%timefield%\": \"@timestamp\", \"body\": "
        + "{\"size\": 0, \"aggs\": {\"t\": {\"sum\": {\"field\": \"travellers\"}}}}}"));

    assertThat(checked.indices()).isEqualTo("flowwatch-flows*-daily-*,-flowwatch-flows*-published-daily-*");
    assertThat(checked.body().toString()).isEqualTo("{\"size\":0,\"aggs\":{\"t\":{\"sum\":{\"field\":\"travellers\"}}},"
        + "\"query\":{\"bool\":{\"filter\":[{\"range\":{\"@timestamp\":{\"gte\":\"now-30d/d\",\"lte\":\"now\","
        + "\"format\":\"strict_date_optional_time\"}}},{\"term\":{\"route\":\"AGADEZ-LIBYA\"}}]}},\"timeout\":\"10s\"}");
  }

  @Test
  void aQualifierNarrowsEveryPatternToOneDeploymentsIndices() throws Exception {
    SearchGuard.Search checked = new SearchGuard("demo").check(search("{\"index\": \"flowwatch-flows*-daily-*,"
        + "-flowwatch-flows*-published-daily-*\", \"%context%\": true, \"%timefield%\": \"@timestamp\"}"));

    assertThat(checked.indices()).isEqualTo("flowwatch-flows-demo-daily-*,-flowwatch-flows-demo-published-daily-*");
    assertThat(new SearchGuard("demo").check(search("{\"index\": \"flowwatch-alerts*\", \"%context%\": true, "
        + "\"%timefield%\": \"@timestamp\"}")).indices())
        .as("demo's own indices, never demo2's").isEqualTo("flowwatch-alerts-demo,flowwatch-alerts-demo-*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"_all", "*", ".security", "flowwatch*", "logs-*", "remote:flowwatch-flows*",
      "flowwatch-flows*,.kibana", "-flowwatch-flows*", "FLOWWATCH-flows"})
  void indicesOtherThanFlowwatchsAreRefused(String index) throws Exception {
    assertThatThrownBy(() -> new SearchGuard(null).check(search("{\"index\": \"" + index + "\", \"%context%\": true, "
        + "\"%timefield%\": \"@timestamp\"}")))
        .isInstanceOf(BoardRefusal.class).hasMessageContaining(index.contains(",") ? ".kibana" : index);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"size\": 201}",
      "{\"size\": 0, \"aggs\": {\"a\": {\"terms\": {\"field\": \"route\", \"size\": 100000}}}}",
      "{\"aggs\": {\"a\": {\"terms\": {\"script\": {\"source\": \"doc['x']\"}}}}}",
      "{\"aggs\": {\"a\": {\"scripted_metric\": {}}}}",
      "{\"runtime_mappings\": {}}",
      "{\"query\": {\"match_all\": {}}}",
      "{\"script_fields\": {}}",
      "{\"pit\": {\"id\": \"x\"}}",
      "{\"size\": 4294967297}",
      "{\"aggs\": {\"a\": {\"filter\": {\"wrapper\": {\"query\": \"eyJzY3JpcHQiOnt9fQ==\"}}}}}",
      "{\"aggs\": {\"a\": {\"filter\": {\"terms\": {\"route\": {\"index\": \"secrets\", \"id\": \"1\", "
          + "\"path\": \"x\"}}}}}}",
      "{\"aggs\": {\"a\": {\"global\": {}, \"aggs\": {\"t\": {\"sum\": {\"field\": \"travellers\"}}}}}}",
      "{\"aggs\": {\"a\": {\"filter\": {\"more_like_this\": {\"like\": [{\"_index\": \"x\", \"_id\": \"1\"}]}}}}}",
      "{\"aggs\": {\"a\": {\"terms\": {\"field\": \"route\", \"shard_size\": 100000}}}}",
      "{\"aggs\": {\"a\": {\"date_histogram\": {\"field\": \"@timestamp\", \"fixed_interval\": \"1ms\"}}}}",
      "{\"aggs\": {\"a\": {\"date_histogram\": {\"field\": \"@timestamp\", \"calendar_interval\": \"1d\", "
          + "\"min_doc_count\": 0}}}}",
      "{\"aggs\": {\"a\": {\"top_hits\": {\"size\": 100}}}}",
      "{\"aggs\": {\"a\": {\"sum\": {\"field\": \"x\"}, \"max\": {\"field\": \"y\"}}}}",
      "{\"aggregations\": {}}"})
  void bodiesBeyondTheLimitsOrOutsideThePanelsShapesAreRefused(String body) throws Exception {
    assertThatThrownBy(() -> new SearchGuard(null).check(search("{\"index\": \"flowwatch-alerts*\", "
        + "\"%context%\": true, \"%timefield%\": \"@timestamp\", \"body\": " + body + "}")))
        .isInstanceOf(BoardRefusal.class).satisfies(e -> assertThat(((BoardRefusal) e).status()).isEqualTo(400));
  }

  @Test
  void aRequestWithoutTheContextOrWithUnknownPartsIsRefused() throws Exception {
    SearchGuard guard = new SearchGuard(null);
    assertThatThrownBy(() -> guard.check(search("{\"index\": \"flowwatch-alerts*\", \"%timefield%\": \"@timestamp\"}")))
        .hasMessageContaining("%context%");
    assertThatThrownBy(() -> guard.check(search("{\"index\": \"flowwatch-alerts*\", \"%context%\": true, "
        + "\"%timefield%\": \"@timestamp\", \"path\": \"/_bulk\"}"))).hasMessageContaining("'path'");
    assertThatThrownBy(() -> guard.check(JSON.readTree("{\"request\": {\"index\": \"flowwatch-alerts*\", "
        + "\"%context%\": true, \"%timefield%\": \"@timestamp\"}, \"context\": {\"timeFrom\": \"yesterday\", "
        + "\"timeTo\": \"now\"}}"))).hasMessageContaining("timeFrom");
    assertThatThrownBy(() -> guard.check(JSON.readTree("{\"request\": {\"index\": \"flowwatch-alerts*\", "
        + "\"%context%\": true, \"%timefield%\": \"@timestamp\"}, \"context\": {\"timeFrom\": \"now-1d\", "
        + "\"timeTo\": \"now\", \"queries\": [{\"script\": {\"script\": \"1\"}}]}}"))).hasMessageContaining("script");
  }

  @Test
  void everyPanelAndControlOfTheDashboardsPassesTheGuard() {
    BoardDashboards dashboards = new BoardDashboards(org.flowwatch.dashboards.kibana.KibanaSources.bundled());
    SearchGuard guard = new SearchGuard("demo");
    int requests = 0;
    for (JsonNode listed : dashboards.list()) {
      JsonNode dashboard = dashboards.describe(listed.get("id").asText());
      for (JsonNode panel : dashboard.get("panels")) {
        JsonNode request = panel.has("spec") ? panel.at("/spec/data/url") : panel.get("request");
        com.fasterxml.jackson.databind.node.ObjectNode search = JSON.createObjectNode();
        search.set("request", request);
        search.putObject("context").put("timeFrom", "now-30d/d").put("timeTo", "now").set("queries",
            panel.has("queries") ? panel.get("queries") : JSON.createArrayNode());
        assertThat(guard.check(search).body()).as(panel.get("id").asText()).isNotNull();
        requests++;
      }
      for (JsonNode control : dashboard.get("controls")) {
        com.fasterxml.jackson.databind.node.ObjectNode search = JSON.createObjectNode();
        search.set("request", control.get("request"));
        search.putObject("context").put("timeFrom", "now-30d/d").put("timeTo", "now");
        assertThat(guard.check(search).indices()).as(control.get("field").asText()).contains("-demo");
        requests++;
      }
    }
    assertThat(requests).isGreaterThan(20);
  }

  @Test
  void aQualifierThatIsNotAnIndexNamePartIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> new SearchGuard("Demo,*")).hasMessageContaining("--index-qualifier");
  }
}
