package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.simulator.truth.GroundTruth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.testing.SecureElasticsearch;
import org.flowwatch.testing.SecureKafka;
import org.flowwatch.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end on a MiniCluster through servers that enforce security: Kafka accepting only SASL_SSL (SCRAM-SHA-512
 * and PLAIN, a CA of this run) and Elasticsearch behind TLS with basic authentication or an API key. Every option is
 * given as a user gives it: secrets as file paths, never as values.
 */
@ExtendWith({SecureKafka.class, SecureElasticsearch.class})
class SecuredConnectionsIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final MixedCorpus CORPUS = MixedCorpus.day(Instant.parse("2024-05-06T00:00:00Z"), 23L);

  @TempDir
  Path secrets;

  /** The options of a run through the secured servers: SCRAM-SHA-512 to Kafka, basic authentication to Elasticsearch. */
  private static List<Object> secured(Path kafkaPassword, Path elasticsearchPassword) {
    SecureKafka.Broker kafka = SecureKafka.broker();
    SecureElasticsearch.Front elasticsearch = SecureElasticsearch.front();
    return new ArrayList<>(List.of(
        FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        FlowAggregationOptions.CHECKPOINT_INTERVAL, "2 s",
        optionOf("kafka.security.protocol"), "SASL_SSL",
        optionOf("kafka.sasl.mechanism"), "SCRAM-SHA-512",
        optionOf("kafka.sasl.username"), SecureKafka.SCRAM_USER,
        optionOf("kafka.sasl.password-file"), kafkaPassword.toString(),
        optionOf("kafka.ssl.truststore.location"), kafka.certificates().truststore().toString(),
        optionOf("kafka.ssl.truststore.password-file"), kafka.certificates().storePasswordFile().toString(),
        FlowAggregationOptions.ELASTICSEARCH_URL, elasticsearch.url(),
        optionOf("elasticsearch.ca-certificate"), elasticsearch.certificates().caCertificate().toString(),
        optionOf("elasticsearch.username"), SecureElasticsearch.USER,
        optionOf("elasticsearch.password-file"), elasticsearchPassword.toString()));
  }

  private static org.apache.flink.configuration.ConfigOption<?> optionOf(String key) {
    return FlowAggregationOptions.ALL.stream().filter(option -> option.key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("the job does not declare " + key));
  }

  @Test
  void shouldAggregateThroughSaslSslKafkaAndAuthenticatedTlsElasticsearchWithoutLoggingASecret() throws Exception {
    SecureKafka.Broker kafka = SecureKafka.broker();
    SecureElasticsearch.Front front = SecureElasticsearch.front();
    FlowAggregationSettings settings = TestRuns.settings("secured",
        secured(kafka.scramPasswordFile(), front.passwordFile()).toArray());
    try (RestClientTransport transport = ElasticsearchClients.transport(settings.elasticsearch());
        LogCapture logs = new LogCapture()) {
      ElasticsearchClient elasticsearch = ElasticsearchClients.blocking(transport);
      IndexTemplates.installAll(elasticsearch);
      JobEnvironment.checkServers(settings.kafka(), settings.elasticsearch());

      // 1. The corpus goes in through SASL_SSL; the job reads it all and stops.
      TestRuns.produce(settings, CORPUS);
      TestRuns.job(settings).execute("flow aggregation through secured servers");

      // 2. Elasticsearch, behind TLS and authentication, holds the oracle's hourly cells and every point.
      ExpectedFlows.assertSameCells(ExpectedFlows.pointCells(documents(elasticsearch,
          settings.indexPrefix() + "-hourly-*")), GroundTruth.hourly(CORPUS.validObservations, CORPUS.validCrossings));
      assertThat(documents(elasticsearch, settings.pointsIndex() + "*")).hasSize(MonitoringPoints.niger().size());

      // 3. Kafka clients logged their configuration, and no secret is in the log.
      String log = logs.text();
      assertThat(log).contains("sasl.jaas.config = [hidden]");
      assertThat(log).doesNotContain(read(kafka.scramPasswordFile()), read(front.passwordFile()),
          kafka.certificates().storePassword());
    }
  }

  @Test
  void shouldAlsoAcceptKafkaPlainFromAPropertiesFileAndAnElasticsearchApiKey() throws Exception {
    SecureKafka.Broker kafka = SecureKafka.broker();
    SecureElasticsearch.Front front = SecureElasticsearch.front();
    // A standard Kafka client properties file, as the brokers' operators hand them out.
    Path properties = TestSecrets.write(secrets, "client.properties", String.join("\n",
        "security.protocol=SASL_SSL",
        "sasl.mechanism=PLAIN",
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + SecureKafka.PLAIN_USER + "\" password=\"" + read(kafka.plainPasswordFile()) + "\";",
        "ssl.truststore.location=" + kafka.certificates().truststore(),
        "ssl.truststore.type=PKCS12",
        "ssl.truststore.password=" + kafka.certificates().storePassword()));
    FlowAggregationSettings settings = TestRuns.settings("secured-plain",
        FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        optionOf("kafka.properties-file"), properties.toString(),
        FlowAggregationOptions.ELASTICSEARCH_URL, front.url(),
        optionOf("elasticsearch.ca-certificate"), front.certificates().caCertificate().toString(),
        optionOf("elasticsearch.api-key-file"), front.apiKeyFile().toString());

    JobEnvironment.checkServers(settings.kafka(), settings.elasticsearch());
    assertThat(settings.kafka().security().toString()).doesNotContain(read(kafka.plainPasswordFile()))
        .contains("sasl.jaas.config=[hidden]");
    assertThat(settings.elasticsearch().toString()).doesNotContain(read(front.apiKeyFile())).contains("API key");
  }

  @Test
  void shouldRefuseAWrongKafkaPasswordAtStartNamingTheOptionAndTheServer() throws Exception {
    Path wrong = TestSecrets.write(secrets, "wrong-kafka-password", "not-the-password");
    List<Object> options = secured(wrong, SecureElasticsearch.front().passwordFile());
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        org.flowwatch.testing.JobSettings.of(options.toArray()));

    long started = System.nanoTime();
    assertThatThrownBy(() -> JobEnvironment.checkServers(settings.kafka(), settings.elasticsearch()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'kafka.sasl.password-file'")
        .hasMessageContaining("Kafka at " + SecureKafka.broker().bootstrapServers())
        .hasMessageContaining("refused the credentials of user '" + SecureKafka.SCRAM_USER + "'")
        .hasMessageNotContaining("not-the-password");
    assertThat(System.nanoTime() - started).as("fails fast, not after the 30 s timeout").isLessThan(20_000_000_000L);
  }

  @Test
  void shouldRefuseAWrongElasticsearchPasswordAtStartWithTheStatus() throws Exception {
    Path wrong = TestSecrets.write(secrets, "wrong-es-password", "not-the-password");
    List<Object> options = secured(SecureKafka.broker().scramPasswordFile(), wrong);
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        org.flowwatch.testing.JobSettings.of(options.toArray()));

    assertThatThrownBy(() -> settings.elasticsearch().verify())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'elasticsearch.password-file'")
        .hasMessageContaining("Elasticsearch at " + SecureElasticsearch.front().url() + " answered 401")
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void shouldRefuseAServerWhoseCertificateIsNotTrusted() {
    SecureElasticsearch.Front front = SecureElasticsearch.front();
    // The Kafka broker's CA is another CA of this run: Elasticsearch's certificate does not chain to it.
    List<Object> options = secured(SecureKafka.broker().scramPasswordFile(), front.passwordFile());
    options.addAll(List.of(optionOf("elasticsearch.ca-certificate"),
        SecureKafka.broker().certificates().caCertificate().toString()));
    FlowAggregationSettings settings = FlowAggregationSettings.from(
        org.flowwatch.testing.JobSettings.of(options.toArray()));

    assertThatThrownBy(() -> settings.elasticsearch().verify())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'elasticsearch.ca-certificate'")
        .hasMessageContaining("TLS with Elasticsearch at " + front.url() + " failed");
  }

  private static Map<String, ObjectNode> documents(ElasticsearchClient elasticsearch, String index) throws Exception {
    elasticsearch.indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
    var response = elasticsearch.search(s -> s.index(index).size(10_000), ObjectNode.class);
    Map<String, ObjectNode> documents = new HashMap<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      documents.put(hit.id(), hit.source());
    }
    return documents;
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file).strip();
  }
}
