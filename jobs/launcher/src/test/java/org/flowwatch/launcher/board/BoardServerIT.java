package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The board's server over real HTTP on the real Elasticsearch: it serves the page, the dashboards and guarded searches
 * of its deployment's indices, and refuses anything else with a JSON error that says why.
 */
@ExtendWith(RealElasticsearch.class)
class BoardServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final BoardFixture FIXTURE = new BoardFixture();
  private static Board board;

  @BeforeAll
  static void start() throws Exception {
    board = FIXTURE.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (board != null) {
      board.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(board.address().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String search(String index, String body) {
    return "{\"request\": {\"index\": \"" + index + "\", \"%context%\": true, \"%timefield%\": \"@timestamp\", "
        + "\"body\": " + body + "}, \"context\": {\"timeFrom\": \"now-30d/d\", \"timeTo\": \"now\"}}";
  }

  @Test
  void thePageAndItsAssetsAreServed() throws Exception {
    HttpResponse<String> root = send("GET", "/", null);
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/dashboards/flowwatch-situation-room");
    HttpResponse<String> page = send("GET", "/dashboards/flowwatch-alerts-dashboard", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/assets/vendor/vega-lite/build/vega-lite.min.js");
    for (String asset : new String[] {"/assets/board.js", "/assets/vendor/vega/build/vega.min.js",
        "/assets/vendor/vega-lite/build/vega-lite.min.js", "/assets/board.css"}) {
      HttpResponse<String> served = send("GET", asset, null);
      assertThat(served.statusCode()).as(asset).isEqualTo(200);
      assertThat(served.body()).as(asset).hasSizeGreaterThan(1000);
    }
  }

  @Test
  void aPanelsSearchCountsTheBoardsDeploymentOnly() throws Exception {
    // Another deployment's alert in the same server, its name starting with this one's: never counted here.
    FIXTURE.documents.send("PUT", "/flowwatch-alerts-" + FIXTURE.run + "x-2026.11.01/_doc/x?refresh=true",
        JSON.writeValueAsString(Map.of("@timestamp", FIXTURE.today.toString(), "alert_id", "x", "signal", "SURGE",
            "status", "OPEN")));
    HttpResponse<String> answer = send("POST", "/api/search", search("flowwatch-alerts*",
        "{\"size\": 0, \"aggs\": {\"status\": {\"terms\": {\"field\": \"status\"}}}}"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode buckets = JSON.readTree(answer.body()).at("/aggregations/status/buckets");
    Map<String, Long> byStatus = new java.util.HashMap<>();
    buckets.forEach(bucket -> byStatus.put(bucket.get("key").asText(), bucket.get("doc_count").asLong()));
    assertThat(byStatus).isEqualTo(Map.of("OPEN", 1L, "RESOLVED", 2L, "ESCALATED", 1L));
  }

  @Test
  void searchesOutsideFlowwatchsIndicesOrLimitsAreRefusedWithTheReason() throws Exception {
    HttpResponse<String> otherIndex = send("POST", "/api/search", search(".security*", "{\"size\": 1}"));
    assertThat(otherIndex.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(otherIndex.body()).get("error").asText()).contains("flowwatch's indices only");

    HttpResponse<String> tooMany = send("POST", "/api/search", search("flowwatch-alerts*", "{\"size\": 10000}"));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooMany.body()).get("error").asText()).contains("limit of 200");

    HttpResponse<String> notJson = send("POST", "/api/search", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).get("error").asText()).contains("not JSON");

    HttpResponse<String> script = send("POST", "/api/search", search("flowwatch-alerts*",
        "{\"size\": 0, \"aggs\": {\"a\": {\"filter\": {\"script\": {\"script\": \"1\"}}}}}"));
    assertThat(script.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(script.body()).get("error").asText()).contains("does not run script queries");

    HttpResponse<String> huge = send("POST", "/api/search", "{\"pad\": \"" + "x".repeat(70_000) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);

    HttpResponse<String> plainText = HTTP.send(HttpRequest.newBuilder(board.address().resolve("/api/search"))
        .POST(HttpRequest.BodyPublishers.ofString(search("flowwatch-alerts*", "{}")))
        .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plainText.statusCode()).as("a form a foreign page could post without asking").isEqualTo(415);
  }

  @Test
  void aRequestForAnotherHostNameIsRefused() throws Exception {
    // What a page on another site reaches after rebinding its own name to 127.0.0.1.
    String answer = raw("GET /api/dashboards HTTP/1.1\r\nHost: attacker.example:" + board.address().getPort()
        + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 421").contains("not for host attacker.example");
    assertThat(raw("GET /api/dashboards HTTP/1.1\r\nHost: localhost:" + board.address().getPort()
        + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
  }

  @Test
  void anAssetPathOutsideTheBoardsAssetsIsNotServed() throws Exception {
    String answer = raw("GET /assets/../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:" + board.address().getPort()
        + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 404").doesNotContain("root:");
    assertThat(raw("GET /assets/%2e%2e/index.html HTTP/1.1\r\nHost: 127.0.0.1:" + board.address().getPort()
        + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 404");
  }

  /** A request sent as written (HttpClient normalises paths and will not set Host). */
  private static String raw(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", board.address().getPort())) {
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theAlertFeedListsTheOpenAlertsEachLinkingItsCapMessage() throws Exception {
    HttpResponse<String> feed = send("GET", "/feeds/alerts.atom", null);
    assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/atom+xml"));
    java.util.List<String> links = new java.util.ArrayList<>();
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"([^\"]+\\.cap)\"").matcher(feed.body());
    while (link.find()) {
      links.add(link.group(1));
    }
    assertThat(links).as("the fixture's open and escalated alerts, not the resolved ones").hasSize(2);
    for (String message : links) {
      HttpResponse<String> cap = HTTP.send(HttpRequest.newBuilder(URI.create(message)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(cap.statusCode()).as(message).isEqualTo(200);
      assertThat(cap.headers().firstValue("Content-Type")).hasValue("application/cap+xml");
      assertThat(cap.body()).contains("urn:oasis:names:tc:emergency:cap:1.2").contains("<language>fr-FR</language>");
    }
    assertThat(send("GET", "/feeds/alerts/bm8.1.cap", null).statusCode()).isEqualTo(404);
  }

  @Test
  void everythingButReadingIsRefused() throws Exception {
    HttpResponse<String> delete = send("DELETE", "/api/search", null);
    assertThat(delete.statusCode()).isEqualTo(405);
    HttpResponse<String> write = send("PUT", "/flowwatch-alerts-" + FIXTURE.run + "-2026.11.01/_doc/y", "{}");
    assertThat(write.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(write.body()).get("error").asText()).contains("read-only");
    HttpResponse<String> passThrough = send("GET", "/_cat/indices", null);
    assertThat(passThrough.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(passThrough.body()).get("error").asText()).contains("the board serves");
    assertThat(send("GET", "/api/dashboards/no-such-dashboard", null).statusCode()).isEqualTo(404);
    // Nothing was written through the board.
    assertThat(FIXTURE.documents.send("GET", "/flowwatch-alerts-" + FIXTURE.run + "-*/_count", null)
        .get("count").asLong()).isEqualTo(4);
  }
}
