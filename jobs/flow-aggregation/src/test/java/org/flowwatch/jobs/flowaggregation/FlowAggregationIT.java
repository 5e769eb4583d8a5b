package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.simulator.truth.GroundTruth;
import org.flowwatch.testing.KafkaTestTopics;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job end to end on a MiniCluster at parallelism 2, between the real Kafka broker and Elasticsearch server, with
 * its real connectors, fed a mixed corpus of good, bad and resent records.
 */
@ExtendWith({org.flowwatch.testing.RealKafka.class, RealElasticsearch.class})
class FlowAggregationIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final MixedCorpus CORPUS = MixedCorpus.day(Instant.parse("2024-03-04T00:00:00Z"), 11L);
  private static RestClientTransport transport;
  private static ElasticsearchClient elasticsearch;
  private static FlowAggregationSettings settings;

  private static boolean ran;

  // Once per class, but from a test method: the extension makes the MiniCluster the context environment only
  // before each test, not before @BeforeAll.
  @BeforeEach
  void runTheJobOverTheCorpusOnce() throws Exception {
    if (ran) {
      return;
    }
    if (transport == null) {
      transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()));
    }
    elasticsearch = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(elasticsearch);

    settings = TestRuns.settings("it", FlowAggregationOptions.CHECKPOINT_INTERVAL, "2 s");

    // 1. The corpus and the reference data go to Kafka first; the job reads everything there is and stops.
    TestRuns.produce(settings, CORPUS);

    TestRuns.job(settings).execute("flow aggregation IT");
    elasticsearch.indices().refresh(r -> r.index(settings.indexPrefix() + "-*"));
    ran = true;
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (transport != null) {
      transport.close();
    }
  }

  private static Map<String, ObjectNode> documents(String index) throws Exception {
    // Only a refresh makes every document written so far searchable: the job's end does not.
    elasticsearch.indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
    var response = elasticsearch.search(s -> s.index(index).size(10_000).trackTotalHits(t -> t.enabled(true)),
        ObjectNode.class);
    assertThat(response.hits().total().value()).isLessThan(10_000);
    Map<String, ObjectNode> documents = new HashMap<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      documents.put(hit.id(), hit.source());
    }
    return documents;
  }

  @Test
  void elasticsearchHoldsExactlyOneDocumentPerHourlyCellWithTheOraclesCounts() throws Exception {
    ExpectedFlows.assertSameCells(ExpectedFlows.pointCells(documents(settings.indexPrefix() + "-hourly-*")),
        GroundTruth.hourly(CORPUS.validObservations, CORPUS.validCrossings));
  }

  @Test
  void theRejectedTopicHoldsEveryBadRecordWithItsReasonAndBytes() {
    List<RejectedRecord> rejected = KafkaTestTopics.readCommitted(settings.kafka().bootstrapServers(), settings.rejectedTopic())
        .stream().map(bytes -> {
          try {
            return AvroCodec.of(RejectedRecord.class).decode(bytes);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).toList();
    Map<RejectReason, Long> byReason = rejected.stream()
        .collect(Collectors.groupingBy(RejectedRecord::getReason, Collectors.counting()));
    assertThat(byReason).isEqualTo(CORPUS.expectedRejections);
    assertThat(rejected).allSatisfy(r -> assertThat(r.getSourceTopic())
        .isIn(settings.observationsTopic(), settings.crossingsTopic()));
  }

  @Test
  void theAggregatesTopicHoldsTheSameCellsAsTheIndices() throws Exception {
    AvroCodec<FlowAggregate> codec = AvroCodec.of(FlowAggregate.class);
    long distinctCells = KafkaTestTopics.readCommitted(settings.kafka().bootstrapServers(), settings.aggregatesTopic())
        .stream().map(bytes -> {
          try {
            return org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments.documentId(codec.decode(bytes));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).distinct().count();
    long indexed = documents(settings.indexPrefix() + "-hourly-*").size() + documents(settings.indexPrefix() + "-daily-*").size();
    assertThat(distinctCells).isEqualTo(indexed);
  }

  @Test
  void thePublishedIndexShowsNoSmallNationalityCell() throws Exception {
    Map<String, ObjectNode> published = documents(settings.indexPrefix() + "-published-hourly-*");
    assertThat(published).isNotEmpty();
    assertThat(published.values()).filteredOn(doc -> doc.get("level").asText().equals("POINT"))
        .filteredOn(doc -> !doc.get("nationality").asText().equals("OTHER"))
        .allSatisfy(doc -> assertThat(doc.get("travellers").asLong()).isGreaterThanOrEqualTo(5));
  }

  @Test
  void theRejectedRecordsTopicKeepsTheOriginalBytesOnlyForItsRetention() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers()))) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, settings.rejectedTopic());
      Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
      assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
      assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
    }
  }

  @Test
  void theDataQualityIndicesHoldNoRecordIdAndNoBytes() throws Exception {
    Set<String> recordIds = new HashSet<>();
    CORPUS.validObservations.forEach(observation -> recordIds.add(observation.getId()));
    CORPUS.validCrossings.forEach(crossing -> recordIds.add(crossing.getId()));
    Map<String, ObjectNode> resends = documents(settings.duplicatesIndex() + "-*");
    assertThat(resends).isNotEmpty();
    resends.forEach((id, document) -> {
      assertThat(id.split("\\|")).doesNotContainAnyElementsOf(recordIds);
      document.fields().forEachRemaining(field -> assertThat(recordIds).doesNotContain(field.getValue().asText()));
    });
    Map<String, ObjectNode> rejects = documents(settings.rejectedIndex() + "-*");
    assertThat(rejects).isNotEmpty().allSatisfy((id, document) -> assertThat(document.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("@timestamp", "reason", "message", "source_topic", "source_partition", "source_offset"));
  }
}
