package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.dashboards.kibana.GenerateSavedObjects;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./flowwatch dashboards install} against the real Elasticsearch server. Kibana cannot run on these machines
 * (no package is served), so the Kibana side is checked against a local HTTP endpoint that records what the command
 * sends to the import API and answers as Kibana's documentation says it does.
 */
@ExtendWith(RealElasticsearch.class)
class DashboardsInstallIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private HttpServer kibana;
  private final List<String> imports = new ArrayList<>();
  private final List<String> importQueries = new ArrayList<>();

  @AfterEach
  void stopKibana() {
    if (kibana != null) {
      kibana.stop(0);
    }
  }

  @Test
  void installsTheTemplatesOnceAndThenLeavesThemAlone() {
    CommandRun first = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url());
    assertThat(first.exitCode()).as(first.err()).isZero();
    CommandRun second = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains(
        "lifecycle policies: not installed, this cluster has no index lifecycle management",
        "index template flowwatch-flows v2: unchanged",
        "index template flowwatch-alerts v1: unchanged", "index template flowwatch-rejected v3: unchanged",
        "index template flowwatch-duplicates v2: unchanged", "index template flowwatch-points v1: unchanged",
        "index template flowwatch-deliveries v1: unchanged",
        "no --kibana given");
  }

  @Test
  void refusesATemplateThatChangedWithoutANewVersion() throws Exception {
    CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url());
    String shipped = resource("/flowwatch/dashboards/elasticsearch/index-templates/flowwatch-rejected.json");
    String edited = shipped.replace("\"source_offset\": {", "\"edited_by_hand\": {\"type\": \"keyword\"},\n"
        + "        \"source_offset\": {");
    try {
      put("/_index_template/flowwatch-rejected", edited);
      CommandRun run = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("index template flowwatch-rejected version 3 at " + RealElasticsearch.url()
          + " differs from the shipped one: a changed template needs a new version number");
    } finally {
      put("/_index_template/flowwatch-rejected", shipped);
    }
  }

  @Test
  void anUnreachableServerIsNamed() {
    CommandRun run = CommandRun.of("dashboards", "install", "--elasticsearch", "http://127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach Elasticsearch at http://127.0.0.1:1");

    CommandRun kibanaDown = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url(),
        "--kibana", "http://127.0.0.1:1");
    assertThat(kibanaDown.exitCode()).isEqualTo(1);
    assertThat(kibanaDown.err()).contains("cannot reach Kibana at http://127.0.0.1:1");
  }

  @Test
  void importsTheGeneratedSavedObjectsThroughTheImportApi() throws Exception {
    int objects = resource(GenerateSavedObjects.RESOURCE).split("\n").length;
    startKibana(200, "{\"success\":true,\"successCount\":" + objects + ",\"successResults\":[]}");
    CommandRun run = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url(), "--kibana",
        kibanaUrl(), "--overwrite");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Kibana 8.19.0 at " + kibanaUrl(),
        "saved objects: " + objects + " of " + objects + " imported");
    assertThat(importQueries).containsExactly("overwrite=true");
    String ndjson = resource(GenerateSavedObjects.RESOURCE);
    assertThat(imports).singleElement().satisfies(body -> {
      assertThat(body).contains("Content-Disposition: form-data; name=\"file\"; filename=");
      assertThat(body).contains(ndjson.strip());
    });
  }

  @Test
  void keepsExistingObjectsWithoutOverwriteAndReportsARefusal() throws Exception {
    int objects = resource(GenerateSavedObjects.RESOURCE).split("\n").length;
    startKibana(200, "{\"success\":false,\"successCount\":" + (objects - 2) + ",\"errors\":["
        + "{\"id\":\"flowwatch-situation-room\",\"type\":\"dashboard\",\"error\":{\"type\":\"conflict\"}},"
        + "{\"id\":\"flowwatch-alerts-dashboard\",\"type\":\"dashboard\",\"error\":{\"type\":\"conflict\"}}]}");
    CommandRun kept = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url(), "--kibana",
        kibanaUrl());
    assertThat(kept.exitCode()).as(kept.err()).isZero();
    assertThat(kept.out()).contains((objects - 2) + " of " + objects
        + " imported, 2 already there and kept (--overwrite replaces them)");
    assertThat(importQueries).containsExactly("overwrite=false");

    stopKibana();
    startKibana(400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Invalid file extension .txt\"}");
    CommandRun refused = CommandRun.of("dashboards", "install", "--elasticsearch", RealElasticsearch.url(),
        "--kibana", kibanaUrl());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("Kibana at " + kibanaUrl() + " refused to import the saved objects (400)");
  }

  private void startKibana(int importStatus, String importAnswer) throws IOException {
    kibana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    kibana.createContext("/api/status", exchange -> answer(exchange, 200,
        "{\"version\":{\"number\":\"8.19.0\"},\"status\":{\"overall\":{\"level\":\"available\"}}}"));
    kibana.createContext("/api/saved_objects/_import", exchange -> {
      boolean xsrf = exchange.getRequestHeaders().containsKey("kbn-xsrf");
      boolean multipart = exchange.getRequestHeaders().getFirst("Content-Type").startsWith("multipart/form-data");
      importQueries.add(exchange.getRequestURI().getQuery());
      imports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (!xsrf || !multipart) {
        answer(exchange, 400, "{\"message\":\"missing kbn-xsrf or not multipart\"}");
      } else {
        answer(exchange, importStatus, importAnswer);
      }
    });
    kibana.start();
  }

  private String kibanaUrl() {
    return "http://127.0.0.1:" + kibana.getAddress().getPort();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void put(String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RealElasticsearch.url() + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = DashboardsInstallIT.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
