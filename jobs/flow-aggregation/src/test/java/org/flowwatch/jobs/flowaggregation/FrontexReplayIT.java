package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.testing.KafkaTestTopics;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.simulator.replay.Replay;
import org.flowwatch.testing.Checkout;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays Frontex's monthly detections (2009-2025, 34,273 rows) through Kafka and the job: the indexed totals equal the
 * file's sums for every route and nationality, and a real surge lands where the file says it is.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class FrontexReplayIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String FILE_NAME = "frontex-detections-monthly.csv";

  /** Route code -> nationality -> detections, summed straight from the file. */
  private static Map<String, Map<String, Long>> fileSums(Path file) throws Exception {
    Map<String, String> routeCodes = new HashMap<>();
    for (MonitoringPoint point : MonitoringPoints.euExternalBorders()) {
      routeCodes.put(point.getName(), point.getRoutes().get(0));
    }
    Map<String, Map<String, Long>> sums = new HashMap<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        sums.computeIfAbsent(routeCodes.get(row.get("route")), r -> new HashMap<>())
            .merge(row.get("nat"), Long.parseLong(row.get("n")), Long::sum);
      }
    }
    return sums;
  }

  @Test
  void indexedTotalsEqualTheFilesSumsForEveryRouteAndNationality() throws Exception {
    Path file = Checkout.sharedData(FILE_NAME);
    FlowAggregationSettings settings = TestRuns.settings("frontex",
        // A month of a whole route is one row: far above a group at a flow monitoring point.
        FlowAggregationOptions.MAX_TRAVELLERS_PER_GROUP, "1000000",
        FlowAggregationOptions.CHECKPOINT_INTERVAL, "5 s");

    // 1. Replay the file, as ./flowwatch replay does.
    Replay.Progress replayed = Replay.file(file, settings.kafka(), settings.observationsTopic(), p -> {});
    assertThat(replayed.sent()).isEqualTo(34_273);

    // 2. The job reads it all and stops, into indices made from the templates (installed first: an index the job
    // created without them would map the keyword fields as text).
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
    TestRuns.job(settings).execute("frontex replay IT");

    // 3. Elasticsearch, summed by route and nationality over the point-level hourly documents.
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      ElasticsearchClient elasticsearch = ElasticsearchClients.blocking(transport);
      String index = settings.indexPrefix() + "-hourly-*";
      elasticsearch.indices().refresh(r -> r.index(index));
      var response = elasticsearch.search(s -> s.index(index).size(0)
          .query(q -> q.term(t -> t.field("level").value("POINT")))
          .aggregations("routes", a -> a.terms(t -> t.field("route").size(100))
              .aggregations("nationalities", n -> n.terms(t -> t.field("nationality").size(1_000))
                  .aggregations("travellers", sum -> sum.sum(x -> x.field("travellers"))))), ObjectNode.class);
      Map<String, Map<String, Long>> indexed = new HashMap<>();
      for (StringTermsBucket route : response.aggregations().get("routes").sterms().buckets().array()) {
        for (StringTermsBucket nationality : route.aggregations().get("nationalities").sterms().buckets().array()) {
          indexed.computeIfAbsent(route.key().stringValue(), r -> new HashMap<>()).put(nationality.key().stringValue(),
              (long) nationality.aggregations().get("travellers").sum().value());
        }
      }
      assertThat(indexed).isEqualTo(fileSums(file));
      assertThat(indexed.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum())
          .isEqualTo(4_966_869L);

      // The Eastern Mediterranean surge of October 2015, as one route-level document.
      var surge = elasticsearch.get(g -> g.index(DatedIndex.yearly(settings.indexPrefix() + "-hourly",
              java.time.Instant.parse("2015-10-01T00:00:00Z")))
          .id("ROUTE|HOURLY|-|INCOMING|-|-|EASTERN-MEDITERRANEAN|2015-10-01T00:00:00Z"), ObjectNode.class);
      assertThat(surge.found()).isTrue();
      assertThat(surge.source().get("travellers").asLong()).isEqualTo(216_260L);
    }
    assertThat(KafkaTestTopics.readCommitted(settings.kafka().bootstrapServers(), settings.rejectedTopic())).isEmpty();
  }
}
