package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class a real Kafka broker of infra/kafka/kafka.sh whose only client listener is
 * SASL_SSL: TLS with a certificate of a CA generated for this run, and SASL with PLAIN (user {@value #PLAIN_USER}) and
 * SCRAM-SHA-512 (user {@value #SCRAM_USER}, created through the admin API). Started once per test run on a free
 * loopback port, with its own state directory, and stopped (by its pid, through the script) when the run ends.
 */
public final class SecureKafka implements BeforeAllCallback {
  public static final String PLAIN_USER = "flowwatch";
  public static final String SCRAM_USER = "flowwatch_scram";
  private static final String BROKER_USER = "broker";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SecureKafka.class);

  private static volatile Broker broker;

  /** The running broker: where it listens, its CA and its users' password files. */
  public record Broker(int port, TestCertificates certificates, Path plainPasswordFile, Path scramPasswordFile) {
    public String bootstrapServers() {
      return "127.0.0.1:" + port;
    }
  }

  public static Broker broker() {
    return broker;
  }

  @Override
  @SuppressWarnings("unchecked") // only start() puts a value under this key
  public void beforeAll(ExtensionContext context) {
    broker = ((ServerWithSecrets<Broker>) context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("secure-kafka", key -> start())).description();
  }

  private static ServerWithSecrets<Broker> start() {
    Path secrets = StateDirectory.create("kafka-secrets");
    TestCertificates certificates = TestCertificates.generate(secrets);
    String brokerPassword = "broker-" + UUID.randomUUID();
    Path plainPassword = TestSecrets.write(secrets, "plain-password", "plain-" + UUID.randomUUID());
    Path scramPassword = TestSecrets.write(secrets, "scram-password", "scram-" + UUID.randomUUID());
    int port = LoopbackPorts.freeWithCompanion(1);
    Path config = writeConfig(secrets, port, certificates, brokerPassword, read(plainPassword));
    InfraServer server = InfraServer.start("Kafka SASL_SSL", "infra/kafka/kafka.sh",
        Map.of("KAFKA_PORT", String.valueOf(port), "KAFKA_EXTRA_CONFIG", config.toString()));
    Broker started = new Broker(port, certificates, plainPassword, scramPassword);
    try {
      createScramUser(started, brokerPassword);
    } catch (RuntimeException e) {
      new ServerWithSecrets<>(server, started, secrets).close();
      throw e;
    }
    return new ServerWithSecrets<>(server, started, secrets);
  }

  /** The listener settings that replace the script's PLAINTEXT listener (the controller's stays on loopback). */
  private static Path writeConfig(Path directory, int port, TestCertificates certificates, String brokerPassword,
      String plainPassword) {
    String store = certificates.storePassword();
    String config = String.join("\n",
        "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1),
        "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
        "inter.broker.listener.name=SASL_SSL",
        "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512",
        "sasl.mechanism.inter.broker.protocol=PLAIN",
        "listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
            + "required username=\"" + BROKER_USER + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER
            + "=\"" + brokerPassword + "\" user_" + PLAIN_USER + "=\"" + plainPassword + "\";",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "ssl.keystore.location=" + certificates.serverKeystore(),
        "ssl.keystore.type=PKCS12",
        "ssl.keystore.password=" + store,
        "ssl.key.password=" + store,
        // The broker is its own client on the inter-broker listener: it must trust its certificate too.
        "ssl.truststore.location=" + certificates.truststore(),
        "ssl.truststore.type=PKCS12",
        "ssl.truststore.password=" + store,
        "");
    return TestSecrets.write(directory, "server-security.properties", config);
  }

  /** Adds the SCRAM user (as the broker's PLAIN user) and waits until it can log in. */
  private static void createScramUser(Broker started, String brokerPassword) {
    Properties admin = clientProperties(started, "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
        BROKER_USER, brokerPassword);
    String password = read(started.scramPasswordFile());
    try (Admin client = Admin.create(admin)) {
      client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the SCRAM user on the SASL_SSL broker", e);
    }
    Properties scram = clientProperties(started, "SCRAM-SHA-512",
        "org.apache.kafka.common.security.scram.ScramLoginModule", SCRAM_USER, password);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Admin client = Admin.create(scram)) {
        client.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        // The credential reaches the broker's cache through the metadata log, a moment after the controller has it.
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the SCRAM user cannot log in 60 s after its creation", notYet);
        }
      }
    }
  }

  private static Properties clientProperties(Broker started, String mechanism, String loginModule, String user,
      String password) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", started.bootstrapServers());
    properties.put("security.protocol", "SASL_SSL");
    properties.put("sasl.mechanism", mechanism);
    properties.put("sasl.jaas.config", loginModule + " required username=\"" + user + "\" password=\"" + password
        + "\";");
    properties.put("ssl.truststore.location", started.certificates().truststore().toString());
    properties.put("ssl.truststore.type", "PKCS12");
    properties.put("ssl.truststore.password", started.certificates().storePassword());
    properties.put("default.api.timeout.ms", 30_000);
    return properties;
  }

  static String read(Path secretFile) {
    try {
      return Files.readString(secretFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
