package org.flowwatch.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class a real Elasticsearch server of infra/elasticsearch/elasticsearch.sh,
 * started for this test run (once, on the first class that asks) on an empty data directory and stopped when the run
 * ends. It listens on the port {@code flowwatch.it.elasticsearch.port} when that is above 0, otherwise on a free
 * loopback port chosen at start (the transport takes the port 100 above).
 */
public final class RealElasticsearch implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealElasticsearch.class);

  private static volatile InfraServer server;

  public static int port() {
    return ChosenPort.PORT;
  }

  public static String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("elasticsearch",
        key -> InfraServer.start("Elasticsearch", "infra/elasticsearch/elasticsearch.sh", "ELASTICSEARCH_PORT", port()),
        InfraServer.class);
  }

  /** Stops the server (an outage, for failure tests); {@link #startAgain()} brings it back on the same data. */
  public static void stop() {
    server.command("stop");
  }

  public static void startAgain() {
    server.command("start");
  }

  /** Chosen once per test JVM, on first use. */
  private static final class ChosenPort {
    static final int PORT = LoopbackPorts.configuredOrFree("flowwatch.it.elasticsearch.port", 100);
  }
}
