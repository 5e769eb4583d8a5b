package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.simulator.FlowSimulator;
import org.flowwatch.simulator.ObservationGenerator;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job end to end on a MiniCluster at parallelism 2, between the real Kafka broker and Elasticsearch server. */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class FlowAggregationIT {
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
      .setConfiguration(METRICS.addToConfiguration(new Configuration()))
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static RestClientTransport transport;
  private static ElasticsearchClient elasticsearch;

  @BeforeAll
  static void connect() {
    transport = ElasticsearchClients.transport(RealElasticsearch.url());
    elasticsearch = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(elasticsearch);
  }

  @AfterAll
  static void disconnect() throws Exception {
    transport.close();
  }

  @Test
  void shouldIndexExactlyTheExpectedHourlyDocumentsAndCountTheUndecodableRecord() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String topic = "flowwatch.flow-observations.it-" + run;
    String index = "flowwatch-flows-hourly-it-" + run;
    KafkaTopics.createIfMissing(RealKafka.bootstrapServers(), List.of(KafkaTopics.TopicSpec.of(topic, 4)));

    // 1. A day of simulated observations across Niger's points, and one record that is not Avro at all.
    Instant start = Instant.parse("2024-03-04T00:00:00Z");
    List<FlowObservation> corpus = new ObservationGenerator(11L, 1.0).between(start, start.plus(Duration.ofDays(1)));
    try (FlowSimulator producer = new FlowSimulator(RealKafka.bootstrapServers(), topic, new ObservationGenerator(0, 1), start, 1)) {
      producer.sendAndFlush(corpus);
    }
    sendRaw(topic, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));

    // 2. The job reads the topic to its end and stops.
    FlowAggregationSettings settings = FlowAggregationSettings.from(JobSettings.of(
        FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        FlowAggregationOptions.OBSERVATIONS_TOPIC, topic,
        FlowAggregationOptions.GROUP_ID, "it-" + run,
        FlowAggregationOptions.STARTING_OFFSETS, "EARLIEST",
        FlowAggregationOptions.BOUNDED, "true",
        FlowAggregationOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        FlowAggregationOptions.HOURLY_INDEX, index,
        FlowAggregationOptions.CHECKPOINT_INTERVAL, "2 s"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationJob.kafkaSource(settings),
        FlowAggregationJob.elasticsearchSink(settings));
    JobExecutionResult result = env.execute("flow aggregation IT");

    // 3. Elasticsearch holds exactly one document per hourly cell, with exactly the oracle's counts.
    assertThat(indexedTotals(index)).isEqualTo(ExpectedFlows.hourly(corpus));
    assertThat(counterSum(result, AvroValueDeserializer.UNDECODABLE_METRIC)).isEqualTo(1);
  }

  private static void sendRaw(String topic, byte[] value) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static Map<String, ExpectedFlows.Totals> indexedTotals(String index) throws Exception {
    elasticsearch.indices().refresh(r -> r.index(index));
    var response = elasticsearch.search(s -> s.index(index).size(10_000).trackTotalHits(t -> t.enabled(true)),
        ObjectNode.class);
    assertThat(response.hits().total().value()).isLessThan(10_000);
    Map<String, ExpectedFlows.Totals> totals = new HashMap<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      ObjectNode doc = hit.source();
      totals.put(hit.id(), new ExpectedFlows.Totals(doc.get("travellers").asLong(), doc.get("men").asLong(),
          doc.get("women").asLong(), doc.get("boys").asLong(), doc.get("girls").asLong(),
          doc.get("observations").asLong()));
    }
    return totals;
  }

  private static long counterSum(JobExecutionResult result, String metric) {
    return METRICS.findMetrics(result.getJobID(), metric).values().stream()
        .mapToLong(m -> ((Counter) m).getCount()).sum();
  }
}
