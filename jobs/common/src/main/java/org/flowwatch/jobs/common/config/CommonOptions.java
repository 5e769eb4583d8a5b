package org.flowwatch.jobs.common.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.flowwatch.jobs.common.kafka.KafkaSecurityProtocol;

/** The options every flowwatch job has, declared once so that they mean the same in each. */
public final class CommonOptions {
  private CommonOptions() {}

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers").stringType()
      .defaultValue("127.0.0.1:9092").withDescription("Kafka bootstrap servers, host:port[,host:port...].");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = key("kafka.starting-offsets")
      .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
      .withDescription("EARLIEST, LATEST, or COMMITTED (the group's committed offsets, else earliest).");
  public static final ConfigOption<Boolean> BOUNDED = key("kafka.bounded").booleanType().defaultValue(false)
      .withDescription("Stop at the offsets that are latest when the job starts (replays and tests), instead of running forever.");
  public static final ConfigOption<String> KAFKA_PROPERTIES_FILE = key("kafka.properties-file").stringType()
      .noDefaultValue().withDescription("A standard Kafka client properties file with the security settings of every "
          + "Kafka client of the job (security.protocol, sasl.*, ssl.*; nothing else). It may hold secrets (e.g. "
          + "sasl.jaas.config). The typed kafka.security/sasl/ssl options below override what it sets.");
  public static final ConfigOption<KafkaSecurityProtocol> KAFKA_SECURITY_PROTOCOL = key("kafka.security.protocol")
      .enumType(KafkaSecurityProtocol.class).noDefaultValue()
      .withDescription("PLAINTEXT (the default), SSL, SASL_PLAINTEXT or SASL_SSL.");
  public static final ConfigOption<String> KAFKA_SASL_MECHANISM = key("kafka.sasl.mechanism").stringType()
      .noDefaultValue().withDescription("PLAIN or SCRAM-SHA-512; required with SASL_PLAINTEXT and SASL_SSL.");
  public static final ConfigOption<String> KAFKA_SASL_USERNAME = key("kafka.sasl.username").stringType()
      .noDefaultValue().withDescription("The SASL user name.");
  public static final ConfigOption<String> KAFKA_SASL_PASSWORD_FILE = key("kafka.sasl.password-file").stringType()
      .noDefaultValue().withDescription("File holding the SASL password (else the environment variable "
          + "FLOWWATCH_KAFKA_SASL_PASSWORD).");
  public static final ConfigOption<String> KAFKA_SSL_TRUSTSTORE_LOCATION = key("kafka.ssl.truststore.location")
      .stringType().noDefaultValue().withDescription("PKCS12 or JKS trust store with the CA of the brokers' "
          + "certificates (else the JVM's default trust store).");
  public static final ConfigOption<String> KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE =
      key("kafka.ssl.truststore.password-file").stringType().noDefaultValue()
          .withDescription("File holding the trust store's password.");
  public static final ConfigOption<String> KAFKA_SSL_KEYSTORE_LOCATION = key("kafka.ssl.keystore.location")
      .stringType().noDefaultValue().withDescription("PKCS12 or JKS key store with the client's certificate and key "
          + "(brokers that require TLS client authentication).");
  public static final ConfigOption<String> KAFKA_SSL_KEYSTORE_PASSWORD_FILE = key("kafka.ssl.keystore.password-file")
      .stringType().noDefaultValue().withDescription("File holding the key store's password.");
  public static final ConfigOption<String> KAFKA_SSL_KEY_PASSWORD_FILE = key("kafka.ssl.key.password-file")
      .stringType().noDefaultValue().withDescription("File holding the password of the key in the key store, when "
          + "it differs from the key store's.");
  /** How every Kafka client of a job or command authenticates and encrypts ({@code KafkaClientSecurity}). */
  public static final List<ConfigOption<?>> KAFKA_SECURITY = List.of(KAFKA_PROPERTIES_FILE, KAFKA_SECURITY_PROTOCOL,
      KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE, KAFKA_SSL_TRUSTSTORE_LOCATION,
      KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE, KAFKA_SSL_KEYSTORE_LOCATION, KAFKA_SSL_KEYSTORE_PASSWORD_FILE,
      KAFKA_SSL_KEY_PASSWORD_FILE);
  public static final ConfigOption<String> ELASTICSEARCH_URL = key("elasticsearch.url").stringType()
      .defaultValue("http://127.0.0.1:9200").withDescription("Elasticsearch server URL.");
  public static final ConfigOption<String> ELASTICSEARCH_CA_CERTIFICATE = key("elasticsearch.ca-certificate")
      .stringType().noDefaultValue().withDescription("PEM file with the CA certificate(s) that signed the "
          + "Elasticsearch server's certificate (https:// URLs; else the JVM's default trust store).");
  public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE = key("elasticsearch.truststore").stringType()
      .noDefaultValue().withDescription("PKCS12 or JKS trust store instead of elasticsearch.ca-certificate.");
  public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE =
      key("elasticsearch.truststore.password-file").stringType().noDefaultValue()
          .withDescription("File holding the password of elasticsearch.truststore.");
  public static final ConfigOption<String> ELASTICSEARCH_USERNAME = key("elasticsearch.username").stringType()
      .noDefaultValue().withDescription("User name for basic authentication.");
  public static final ConfigOption<String> ELASTICSEARCH_PASSWORD_FILE = key("elasticsearch.password-file")
      .stringType().noDefaultValue().withDescription("File holding the password of elasticsearch.username (else the "
          + "environment variable FLOWWATCH_ELASTICSEARCH_PASSWORD).");
  public static final ConfigOption<String> ELASTICSEARCH_API_KEY_FILE = key("elasticsearch.api-key-file")
      .stringType().noDefaultValue().withDescription("File holding an API key (the base64 'encoded' form), sent as "
          + "'Authorization: ApiKey ...' (else the environment variable FLOWWATCH_ELASTICSEARCH_API_KEY); not "
          + "together with a user name.");
  public static final ConfigOption<Boolean> ELASTICSEARCH_ALLOW_PLAIN_HTTP_CREDENTIALS =
      key("elasticsearch.allow-plain-http-credentials").booleanType().defaultValue(false)
          .withDescription("Send credentials to an http:// URL, readable by anyone on the way; refused unless true.");
  /** How every Elasticsearch client of a job or command authenticates and trusts ({@code ElasticsearchSecurity}). */
  public static final List<ConfigOption<?>> ELASTICSEARCH_SECURITY = List.of(ELASTICSEARCH_CA_CERTIFICATE,
      ELASTICSEARCH_TRUSTSTORE, ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE, ELASTICSEARCH_USERNAME,
      ELASTICSEARCH_PASSWORD_FILE, ELASTICSEARCH_API_KEY_FILE, ELASTICSEARCH_ALLOW_PLAIN_HTTP_CREDENTIALS);
  public static final ConfigOption<Duration> ELASTICSEARCH_FLUSH_INTERVAL = key("elasticsearch.flush-interval")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Longest time a document waits in the sink buffer before a bulk request is sent.");
  public static final ConfigOption<Duration> IDLENESS = key("watermark.idleness").durationType()
      .defaultValue(Duration.ofMinutes(1)).withDescription("A partition silent this long stops holding back the watermark.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval").durationType()
      .defaultValue(Duration.ofSeconds(30)).withDescription("Interval of exactly-once checkpoints.");
  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT = key("checkpoint.timeout").durationType()
      .defaultValue(Duration.ofMinutes(1)).withDescription("A checkpoint not complete after this long is abandoned and "
          + "counts as failed (an Elasticsearch outage holds checkpoints back: the sink waits for its bulk in flight).");
  public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = key("checkpoint.tolerable-failures").intType()
      .defaultValue(5).withDescription("Consecutive failed checkpoints (e.g. expired during an outage) the job rides out "
          + "before it restarts from the last completed one. Together with checkpoint.interval and checkpoint.timeout "
          + "it bounds how long a Kafka transaction stays open, which must stay below the producer transaction timeout "
          + "(10 min): (tolerable-failures + 2) x max(interval, timeout).");
  public static final ConfigOption<StateBackendKind> STATE_BACKEND = key("state.backend")
      .enumType(StateBackendKind.class).noDefaultValue()
      .withDescription("Where keyed state lives: hashmap (Java objects on the heap, full checkpoints), rocksdb "
          + "(embedded RocksDB on local disk, state larger than memory, incremental checkpoints) or forst (Flink's "
          + "RocksDB fork for disaggregated state, here on local disk, incremental checkpoints). Unset, the job "
          + "keeps the backend its Flink is configured with: hashmap in local runs (the demo, bench, tests), the "
          + "cluster's state.backend.type on a cluster (infra/flink/config.yaml: rocksdb).");
  /** The checkpoint options, which every job declares together ({@link CheckpointSettings}). */
  public static final List<ConfigOption<?>> CHECKPOINTS = List.of(CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT,
      CHECKPOINT_TOLERABLE_FAILURES, STATE_BACKEND);
  public static final ConfigOption<String> REJECTED_INDEX = key("elasticsearch.rejected-index").stringType()
      .defaultValue("flowwatch-rejected").withDescription("Index of rejected input records and of reports of documents "
          + "Elasticsearch refused for good (the data-quality dashboard reads it); must start with flowwatch-rejected "
          + "so that the index template maps it.");
  public static final ConfigOption<Integer> PARALLELISM = key("parallelism").intType().defaultValue(2)
      .withDescription("Parallelism of every operator.");
}
