package org.flowwatch.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class a real Kafka broker of infra/kafka/kafka.sh, started for this test run
 * (once, on the first class that asks) and stopped when the run ends. It listens on the port
 * {@code flowwatch.it.kafka.port} when that is above 0, otherwise on a free loopback port chosen at start (the controller
 * takes the next port).
 */
public final class RealKafka implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKafka.class);

  private static volatile InfraServer server;

  public static int port() {
    return ChosenPort.PORT;
  }

  public static String bootstrapServers() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("kafka",
        key -> InfraServer.start("Kafka", "infra/kafka/kafka.sh", "KAFKA_PORT", port()), InfraServer.class);
  }

  /** Stops the broker and starts it again on the same log directory (a restart, for failure tests). */
  public static void restart() {
    server.command("stop");
    server.command("start");
  }

  /** Chosen once per test JVM, on first use. */
  private static final class ChosenPort {
    static final int PORT = LoopbackPorts.configuredOrFree("flowwatch.it.kafka.port", 1);
  }
}
