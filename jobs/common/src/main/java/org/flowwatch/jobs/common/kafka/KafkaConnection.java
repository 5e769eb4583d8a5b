package org.flowwatch.jobs.common.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;

/** Where the Kafka brokers are and how every client of a job or command talks to them. */
public record KafkaConnection(String bootstrapServers, KafkaClientSecurity security) implements Serializable {

  /** A broker without security, such as the demo's. */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, KafkaClientSecurity.none());
  }

  /** From {@link CommonOptions#KAFKA_BOOTSTRAP_SERVERS} and {@link CommonOptions#KAFKA_SECURITY}. */
  public static KafkaConnection from(Configuration configuration, Map<String, String> environment) {
    return new KafkaConnection(JobArguments.nonBlank(configuration, CommonOptions.KAFKA_BOOTSTRAP_SERVERS),
        KafkaClientSecurity.from(configuration, environment));
  }

  /** The properties every Kafka client starts from: the brokers and the security settings. */
  public Properties clientProperties() {
    Properties properties = new Properties();
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return security.addTo(properties);
  }

  /**
   * Connects and authenticates once, so that wrong credentials or certificates fail the start with a message that
   * names the option to fix, instead of a job that restarts forever.
   */
  public void verify(Duration timeout) {
    Properties properties = clientProperties();
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(properties)) {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (TimeoutException e) {
      throw new InvalidOptionException(CommonOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "no answer from Kafka at "
          + bootstrapServers + " within " + timeout.toSeconds() + " s (" + security.protocol() + "): is it reachable, "
          + "and does its listener expect " + security.protocol() + "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Kafka at " + bootstrapServers, e);
    }
  }

  private InvalidOptionException refused(Throwable cause) {
    if (cause instanceof SaslAuthenticationException) {
      return new InvalidOptionException(CommonOptions.KAFKA_SASL_PASSWORD_FILE.key(), "Kafka at " + bootstrapServers
          + " refused the credentials of user '" + security.username().orElse("?") + "' ("
          + security.properties().get("sasl.mechanism") + "): " + cause.getMessage());
    }
    if (cause instanceof AuthenticationException) { // TLS: the broker's certificate is not trusted, or ours refused
      return new InvalidOptionException(CommonOptions.KAFKA_SSL_TRUSTSTORE_LOCATION.key(), "TLS with Kafka at "
          + bootstrapServers + " failed: " + cause.getMessage());
    }
    return new InvalidOptionException(CommonOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "Kafka at " + bootstrapServers
        + " failed: " + cause);
  }

  @Override
  public String toString() {
    return bootstrapServers + " (" + security.protocol() + ")";
  }
}
