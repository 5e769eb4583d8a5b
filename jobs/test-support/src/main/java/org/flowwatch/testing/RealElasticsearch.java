package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class the real Elasticsearch server of infra/elasticsearch/elasticsearch.sh, on
 * port {@code flowwatch.it.elasticsearch.port} (default 19200, apart from the demo's 9200). Started once per test run.
 */
public final class RealElasticsearch implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealElasticsearch.class);

  public static int port() {
    return Integer.getInteger("flowwatch.it.elasticsearch.port", 19200);
  }

  public static String url() {
    return "http://127.0.0.1:" + port();
  }

  private static volatile InfraServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("elasticsearch",
        key -> {
          InfraServer started = InfraServer.start("Elasticsearch", "infra/elasticsearch/elasticsearch.sh",
              Map.of("ELASTICSEARCH_PORT", String.valueOf(port())));
          if (started.startedHere()) {
            deleteTestIndices();
          }
          return started;
        },
        InfraServer.class);
  }

  /**
   * The test server keeps its data between runs; each run's indices have names of their own, so without this they
   * would pile up until the node's shard limit (1,000) refuses new ones. Only when this run started the server: one
   * it found running may be in use by another run.
   */
  private static void deleteTestIndices() {
    HttpClient http = HttpClient.newHttpClient();
    try {
      String listed = http.send(HttpRequest.newBuilder(URI.create(url() + "/_cat/indices/flowwatch-*?h=index")).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      List<String> indices = listed.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
      for (int from = 0; from < indices.size(); from += 50) {
        String names = String.join(",", indices.subList(from, Math.min(indices.size(), from + 50)));
        http.send(HttpRequest.newBuilder(URI.create(url() + "/" + names)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the test indices of " + url(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (an outage, for failure tests); {@link #startAgain()} brings it back on the same data. */
  public static void stop() {
    server.command("stop");
  }

  public static void startAgain() {
    server.command("start");
  }
}
