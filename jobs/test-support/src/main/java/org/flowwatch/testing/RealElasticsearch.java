package org.flowwatch.testing;

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
        key -> InfraServer.start("Elasticsearch", "infra/elasticsearch/elasticsearch.sh",
            Map.of("ELASTICSEARCH_PORT", String.valueOf(port()))),
        InfraServer.class);
  }

  /** Stops the server (an outage, for failure tests); {@link #startAgain()} brings it back on the same data. */
  public static void stop() {
    server.command("stop");
  }

  public static void startAgain() {
    server.command("start");
  }
}
