package org.flowwatch.launcher;

import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The server options the commands share, declared once (picocli mixins): same names, defaults and help everywhere.
 * The security options are the jobs' own ({@link CommonOptions#KAFKA_SECURITY},
 * {@link CommonOptions#ELASTICSEARCH_SECURITY}) with {@code --} in front, validated by the same code; secrets are
 * named by file (or come from the environment), never given on the command line.
 */
final class ServerOptions {
  private ServerOptions() {}

  /** {@code --kafka} and the Kafka security options: the demo's broker, without security, by default. */
  static final class Kafka {
    @Spec(Spec.Target.SELF)
    CommandSpec spec;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--kafka.properties-file", paramLabel = "FILE",
        description = "Kafka client properties file with the security settings (security.protocol, sasl.*, ssl.*).")
    String propertiesFile;
    @Option(names = "--kafka.security.protocol", paramLabel = "PROTOCOL",
        description = "PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL.")
    String securityProtocol;
    @Option(names = "--kafka.sasl.mechanism", paramLabel = "MECHANISM", description = "PLAIN or SCRAM-SHA-512.")
    String saslMechanism;
    @Option(names = "--kafka.sasl.username", paramLabel = "USER", description = "SASL user name.")
    String saslUsername;
    @Option(names = "--kafka.sasl.password-file", paramLabel = "FILE",
        description = "File holding the SASL password (else $FLOWWATCH_KAFKA_SASL_PASSWORD).")
    String saslPasswordFile;
    @Option(names = "--kafka.ssl.truststore.location", paramLabel = "FILE",
        description = "PKCS12/JKS trust store with the brokers' CA.")
    String truststore;
    @Option(names = "--kafka.ssl.truststore.password-file", paramLabel = "FILE",
        description = "File holding the trust store's password.")
    String truststorePasswordFile;
    @Option(names = "--kafka.ssl.keystore.location", paramLabel = "FILE",
        description = "PKCS12/JKS key store with the client's certificate (TLS client authentication).")
    String keystore;
    @Option(names = "--kafka.ssl.keystore.password-file", paramLabel = "FILE",
        description = "File holding the key store's password.")
    String keystorePasswordFile;
    @Option(names = "--kafka.ssl.key.password-file", paramLabel = "FILE",
        description = "File holding the key's password, when it differs from the key store's.")
    String keyPasswordFile;

    /** The options given, as the jobs' options: to configure a job the command runs. */
    Configuration configuration() {
      Configuration configuration = given(spec, "--kafka.");
      configuration.set(CommonOptions.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
      return configuration;
    }

    /** The connection, validated as a job validates its own (an InvalidOptionException names the option). */
    KafkaConnection connection() {
      return KafkaConnection.from(configuration(), System.getenv());
    }
  }

  /** {@code --elasticsearch} and the Elasticsearch security options: the demo's server, plain http, by default. */
  static final class Elasticsearch {
    @Spec(Spec.Target.SELF)
    CommandSpec spec;

    @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200",
        description = "Elasticsearch URL (default: ${DEFAULT-VALUE}).")
    String url;
    @Option(names = "--elasticsearch.ca-certificate", paramLabel = "PEM",
        description = "PEM file with the CA certificate(s) of the server's certificate.")
    String caCertificate;
    @Option(names = "--elasticsearch.truststore", paramLabel = "FILE",
        description = "PKCS12/JKS trust store instead of a PEM file.")
    String truststore;
    @Option(names = "--elasticsearch.truststore.password-file", paramLabel = "FILE",
        description = "File holding the trust store's password.")
    String truststorePasswordFile;
    @Option(names = "--elasticsearch.username", paramLabel = "USER", description = "User for basic authentication.")
    String username;
    @Option(names = "--elasticsearch.password-file", paramLabel = "FILE",
        description = "File holding the password (else $FLOWWATCH_ELASTICSEARCH_PASSWORD).")
    String passwordFile;
    @Option(names = "--elasticsearch.api-key-file", paramLabel = "FILE",
        description = "File holding an API key (else $FLOWWATCH_ELASTICSEARCH_API_KEY).")
    String apiKeyFile;
    @Option(names = "--elasticsearch.allow-plain-http-credentials", paramLabel = "BOOLEAN",
        description = "Send credentials to an http:// URL (refused unless true).")
    String allowPlainHttpCredentials;

    /** The options given, as the jobs' options: to configure a job the command runs. */
    Configuration configuration() {
      Configuration configuration = given(spec, "--elasticsearch.");
      configuration.set(CommonOptions.ELASTICSEARCH_URL, url);
      return configuration;
    }

    /** The connection, validated as a job validates its own (an InvalidOptionException names the option). */
    ElasticsearchConnection connection() {
      return ElasticsearchConnection.from(configuration(), System.getenv());
    }
  }

  /** The mixin's options that were given and start with {@code prefix}, under the jobs' keys (no leading --). */
  private static Configuration given(CommandSpec spec, String prefix) {
    Configuration configuration = new Configuration();
    for (OptionSpec option : spec.options()) {
      String name = option.longestName();
      Object value = option.getValue();
      if (name.startsWith(prefix) && value != null) {
        configuration.setString(name.substring(2), value.toString());
      }
    }
    return configuration;
  }
}
