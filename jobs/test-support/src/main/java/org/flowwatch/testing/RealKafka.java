package org.flowwatch.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class the real Kafka broker of infra/kafka/kafka.sh, on port
 * {@code flowwatch.it.kafka.port} (default 19092, apart from the demo's 9092). Started once per test run.
 */
public final class RealKafka implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKafka.class);

  public static int port() {
    return Integer.getInteger("flowwatch.it.kafka.port", 19092);
  }

  public static String bootstrapServers() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("kafka",
        key -> InfraServer.start("Kafka", "infra/kafka/kafka.sh", Map.of("KAFKA_PORT", String.valueOf(port()))),
        InfraServer.class);
  }
}
