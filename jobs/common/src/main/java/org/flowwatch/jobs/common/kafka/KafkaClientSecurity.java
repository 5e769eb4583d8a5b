package org.flowwatch.jobs.common.kafka;

import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_PROPERTIES_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SASL_MECHANISM;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SASL_PASSWORD_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SASL_USERNAME;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SECURITY_PROTOCOL;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SSL_KEYSTORE_LOCATION;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SSL_KEYSTORE_PASSWORD_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SSL_KEY_PASSWORD_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SSL_TRUSTSTORE_LOCATION;
import static org.flowwatch.jobs.common.config.CommonOptions.KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.security.KeyStores;
import org.flowwatch.jobs.common.security.SecretSources;

/**
 * The security settings of every Kafka client of a job or command (Flink sources and sinks, admin clients, producers
 * and consumers of the commands): Kafka client properties (security.protocol, sasl.*, ssl.*) built once from the
 * options and validated at start-up.
 *
 * <p>Secrets are resolved here, where the job starts, from files or the environment, and travel inside these
 * properties (in the job graph, as the Kafka connector copies its properties there) to the task managers: a client
 * there needs the password itself, and the task managers need not see the secret files. Key and trust stores stay
 * paths: they must exist at the same path on every task manager (docs/operations/security.md). Kafka's own config
 * logging shows passwords and sasl.jaas.config as [hidden]; {@link #toString()} does the same.
 */
public final class KafkaClientSecurity implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String PASSWORD_VARIABLE = "FLOWWATCH_KAFKA_SASL_PASSWORD";
  static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-512");
  private static final Map<String, String> LOGIN_MODULES = Map.of(
      "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
      "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

  private static final Pattern USERNAME = Pattern.compile("\\busername=\"([^\"]*)\"");

  private final TreeMap<String, String> properties;

  private KafkaClientSecurity(Map<String, String> properties) {
    this.properties = new TreeMap<>(properties);
  }

  /** PLAINTEXT, no credentials: the default, and the demo's. */
  public static KafkaClientSecurity none() {
    return new KafkaClientSecurity(Map.of());
  }

  public static KafkaClientSecurity from(Configuration configuration, Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>(propertiesFile(configuration));
    typed(configuration, environment).forEach(properties::put);
    KafkaSecurityProtocol protocol = protocol(properties);
    boolean saslGiven = properties.keySet().stream().anyMatch(key -> key.startsWith("sasl."));
    if (protocol.sasl()) {
      if (!properties.containsKey("sasl.mechanism")) {
        throw new InvalidOptionException(KAFKA_SASL_MECHANISM.key(), "must be set (PLAIN or SCRAM-SHA-512) when the "
            + "security protocol is " + protocol);
      }
      if (!properties.containsKey("sasl.jaas.config")) {
        throw new InvalidOptionException(KAFKA_SASL_USERNAME.key(), "must be set (with " + KAFKA_SASL_PASSWORD_FILE.key()
            + ") when the security protocol is " + protocol);
      }
    } else if (saslGiven) {
      throw new InvalidOptionException(KAFKA_SECURITY_PROTOCOL.key(), "is " + protocol + ", which ignores the SASL "
          + "settings given; use SASL_SSL (or SASL_PLAINTEXT)");
    }
    if (!protocol.tls() && properties.keySet().stream().anyMatch(key -> key.startsWith("ssl."))) {
      throw new InvalidOptionException(KAFKA_SECURITY_PROTOCOL.key(), "is " + protocol + ", which ignores the TLS "
          + "settings given; use SSL or SASL_SSL");
    }
    return new KafkaClientSecurity(properties);
  }

  public KafkaSecurityProtocol protocol() {
    return protocol(properties);
  }

  /** The client properties, secrets included: for Kafka clients only, never for messages or logs. */
  public Map<String, String> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** Adds the settings to a client's properties. */
  public Properties addTo(Properties client) {
    client.putAll(properties);
    return client;
  }

  /** The SASL user, for messages: from kafka.sasl.username or the properties file's JAAS config. */
  public Optional<String> username() {
    return Optional.ofNullable(properties.get("sasl.jaas.config"))
        .map(USERNAME::matcher).filter(Matcher::find).map(found -> found.group(1));
  }

  @Override
  public String toString() {
    return properties.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + (secret(entry.getKey()) ? "[hidden]" : entry.getValue()))
        .collect(Collectors.joining(", ", "KafkaClientSecurity{", "}"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KafkaClientSecurity that && properties.equals(that.properties);
  }

  @Override
  public int hashCode() {
    return properties.hashCode();
  }

  /** A value Kafka itself treats as a password (and logs as [hidden]), or one that looks like a secret. */
  static boolean secret(String key) {
    ConfigDef.ConfigKey known = ProducerConfig.configDef().configKeys().get(key);
    if (known == null) {
      known = ConsumerConfig.configDef().configKeys().get(key);
    }
    return (known != null && known.type == ConfigDef.Type.PASSWORD)
        || key.contains("password") || key.contains("jaas") || key.contains("secret") || key.endsWith(".key");
  }

  private static KafkaSecurityProtocol protocol(Map<String, String> properties) {
    String protocol = properties.getOrDefault("security.protocol", KafkaSecurityProtocol.PLAINTEXT.name());
    try {
      return KafkaSecurityProtocol.valueOf(protocol.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(KAFKA_PROPERTIES_FILE.key(), "security.protocol '" + protocol
          + "' is none of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
    }
  }

  /** The properties file's security settings; anything else in it (a group id, a bootstrap list) is refused. */
  private static Map<String, String> propertiesFile(Configuration configuration) {
    Optional<Path> file = SecretSources.readableFile(configuration, KAFKA_PROPERTIES_FILE);
    if (file.isEmpty()) {
      return Map.of();
    }
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidOptionException(KAFKA_PROPERTIES_FILE.key(), "cannot read " + file.get() + ": " + e.getMessage());
    }
    Map<String, String> properties = new TreeMap<>();
    for (String key : loaded.stringPropertyNames()) {
      if (!key.equals("security.protocol") && !key.startsWith("sasl.") && !key.startsWith("ssl.")) {
        throw new InvalidOptionException(KAFKA_PROPERTIES_FILE.key(), file.get() + " sets '" + key + "', which is not "
            + "a security setting (only security.protocol, sasl.* and ssl.*); set it through the job's own options");
      }
      properties.put(key, loaded.getProperty(key).strip());
    }
    String mechanism = properties.get("sasl.mechanism");
    if (mechanism != null && !MECHANISMS.contains(mechanism)) {
      throw new InvalidOptionException(KAFKA_PROPERTIES_FILE.key(), "sasl.mechanism '" + mechanism + "' is none of "
          + MECHANISMS);
    }
    if (properties.containsKey("ssl.truststore.location") && !"PEM".equals(properties.get("ssl.truststore.type"))) {
      KeyStores.open(Path.of(properties.get("ssl.truststore.location")),
          Optional.ofNullable(properties.get("ssl.truststore.password")), KAFKA_PROPERTIES_FILE.key());
    }
    return properties;
  }

  /** The typed options' settings, secrets read from their files (or the environment). */
  private static Map<String, String> typed(Configuration configuration, Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    Optional.ofNullable(JobArguments.read(configuration, KAFKA_SECURITY_PROTOCOL))
        .ifPresent(protocol -> properties.put("security.protocol", protocol.name()));
    Optional<String> mechanism = present(configuration, KAFKA_SASL_MECHANISM);
    mechanism.ifPresent(value -> {
      if (!MECHANISMS.contains(value)) {
        throw new InvalidOptionException(KAFKA_SASL_MECHANISM.key(), "must be PLAIN or SCRAM-SHA-512, was '" + value
            + "'");
      }
      properties.put("sasl.mechanism", value);
    });
    Optional<String> username = present(configuration, KAFKA_SASL_USERNAME);
    Optional<String> password = SecretSources.read(configuration, KAFKA_SASL_PASSWORD_FILE, PASSWORD_VARIABLE,
        environment);
    if (username.isPresent()) {
      if (password.isEmpty()) {
        throw new InvalidOptionException(KAFKA_SASL_PASSWORD_FILE.key(), "must be set (or the environment variable "
            + PASSWORD_VARIABLE + ") with " + KAFKA_SASL_USERNAME.key());
      }
      if (mechanism.isEmpty()) {
        throw new InvalidOptionException(KAFKA_SASL_MECHANISM.key(), "must be set (PLAIN or SCRAM-SHA-512) with "
            + KAFKA_SASL_USERNAME.key());
      }
      properties.put("sasl.jaas.config", jaasConfig(mechanism.get(), username.get(), password.get()));
    } else if (configuration.contains(KAFKA_SASL_PASSWORD_FILE)) {
      throw new InvalidOptionException(KAFKA_SASL_USERNAME.key(), "must be set with " + KAFKA_SASL_PASSWORD_FILE.key());
    }
    store(configuration, KAFKA_SSL_TRUSTSTORE_LOCATION, KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE, "ssl.truststore",
        properties);
    store(configuration, KAFKA_SSL_KEYSTORE_LOCATION, KAFKA_SSL_KEYSTORE_PASSWORD_FILE, "ssl.keystore", properties);
    SecretSources.read(configuration, KAFKA_SSL_KEY_PASSWORD_FILE)
        .ifPresent(keyPassword -> properties.put("ssl.key.password", keyPassword));
    return properties;
  }

  /** A trust or key store: its location and password, opened once here so that a bad one fails at start-up. */
  private static void store(Configuration configuration, ConfigOption<String> location,
      ConfigOption<String> passwordFile, String prefix, Map<String, String> properties) {
    Optional<Path> file = SecretSources.readableFile(configuration, location);
    Optional<String> password = SecretSources.read(configuration, passwordFile);
    if (file.isEmpty()) {
      if (password.isPresent()) {
        throw new InvalidOptionException(location.key(), "must be set with " + passwordFile.key());
      }
      return;
    }
    String type = KeyStores.open(file.get(), password, location.key()).getType();
    properties.put(prefix + ".location", file.get().toAbsolutePath().toString());
    properties.put(prefix + ".type", type); // Kafka assumes JKS otherwise
    password.ifPresent(value -> properties.put(prefix + ".password", value));
  }

  private static String jaasConfig(String mechanism, String username, String password) {
    return LOGIN_MODULES.get(mechanism) + " required username=\"" + jaasQuoted(username) + "\" password=\""
        + jaasQuoted(password) + "\";";
  }

  // JAAS configuration strings are quoted with backslash escapes.
  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Optional<String> present(Configuration configuration, ConfigOption<String> option) {
    return Optional.ofNullable(JobArguments.read(configuration, option)).map(String::strip).filter(s -> !s.isEmpty());
  }
}
