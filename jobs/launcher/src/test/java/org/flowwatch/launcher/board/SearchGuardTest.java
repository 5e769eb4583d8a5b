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

    assertThat(checked.indices()).isEqualTo("flowwatch-flows-demo*-daily-*,-flowwatch-flows-demo*-published-daily-*");
    assertThat(new SearchGuard("demo").check(search("{\"index\": \"flowwatch-alerts*\", \"%context%\": true, "
        + "\"%timefield%\": \"@timestamp\"}")).indices()).isEqualTo("flowwatch-alerts-demo*");
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
      "{\"pit\": {\"id\": \"x\"}}"})
  void bodiesBeyondTheLimitsOrWithScriptsOrTheirOwnQueryAreRefused(String body) throws Exception {
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
  void aQualifierThatIsNotAnIndexNamePartIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> new SearchGuard("Demo,*")).hasMessageContaining("--index-qualifier");
  }
}
