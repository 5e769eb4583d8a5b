package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Elasticsearch sink against the real server: idempotent writes; items refused for now retried, items refused for
 * good reported on the rejected path while the job goes on; the newest revision of a writer kept whatever the order of
 * its writes, and a restarted writer's revisions kept over its predecessor's.
 */
@ExtendWith(RealElasticsearch.class)
class ElasticsearchSinkIT {
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
      .setConfiguration(METRICS.addToConfiguration(new Configuration()))
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** This class's own indices: flows documents and rejected-records reports. */
  private static final String RUN = "sink-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REJECTED = "flowwatch-rejected-" + RUN;

  private static RestClientTransport transport;
  private static ElasticsearchClient client;

  @BeforeAll
  static void connect() {
    transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()));
    client = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(client);
  }

  @AfterAll
  static void disconnect() throws Exception {
    transport.close();
  }

  private static String newFlowsIndex() {
    return "flowwatch-flows-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Document n: id "doc-n" in a strictly mapped flows index; number {@code poison}, if any, has text for a long. */
  private static DocumentConverter<Long> documents(String index, long poison) {
    return n -> new IndexRequestEntry(index, "doc-" + n, n == poison
        ? "{\"point_code\": \"NE-AGZ\", \"travellers\": \"many\"}"
        : "{\"point_code\": \"NE-AGZ\", \"travellers\": " + n + "}");
  }

  /** Revision r of one cell: document "cell" with travellers = 100 r. */
  private static DocumentConverter<Long> revisions(String index) {
    return r -> IndexRequestEntry.versioned(index, "cell", "{\"travellers\": " + 100 * r + ", \"revision\": " + r + "}", r);
  }

  private static JobID run(String url, DocumentConverter<Long> documents, long... elements) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(Types.LONG, LongStream.of(elements).boxed().toArray(Long[]::new))
        .sinkTo(ElasticsearchSink.builder(ElasticsearchConnection.plain(url), documents, REJECTED).build());
    return env.execute("elasticsearch sink IT").getJobID();
  }

  private static JobID runSequence(String url, DocumentConverter<Long> documents, long count) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromSource(new NumberSequenceSource(1, count), WatermarkStrategy.noWatermarks(), "numbers")
        .sinkTo(ElasticsearchSink.builder(ElasticsearchConnection.plain(url), documents, REJECTED).build());
    return env.execute("elasticsearch sink IT").getJobID();
  }

  private static long counter(JobID job, String name) {
    return METRICS.findMetrics(job, name).values().stream().mapToLong(metric -> ((Counter) metric).getCount()).sum();
  }

  /** The sum of travellers over the index, once what was written is searchable (refresh). */
  private static double travellers(String index) throws Exception {
    client.indices().refresh(r -> r.index(index));
    var sum = client.search(s -> s.index(index).size(0)
        .aggregations("travellers", a -> a.sum(x -> x.field("travellers"))), ObjectNode.class);
    return sum.aggregations().get("travellers").sum().value();
  }

  private static List<ObjectNode> reportsAbout(String index) throws Exception {
    client.indices().refresh(r -> r.index(REJECTED + "-*"));
    return client.search(s -> s.index(REJECTED + "-*").size(100)
            .query(q -> q.term(t -> t.field("elasticsearch.index").value(index))), ObjectNode.class)
        .hits().hits().stream().map(Hit::source).toList();
  }

  @Test
  void shouldIndexEveryDocumentExactlyOnceEvenWhenTheSameInputIsWrittenTwice() throws Exception {
    String index = newFlowsIndex();

    runSequence(RealElasticsearch.url(), documents(index, -1), 2_500);
    runSequence(RealElasticsearch.url(), documents(index, -1), 2_500);

    assertThat(travellers(index)).isEqualTo(2_500 * 2_501 / 2.0);
    assertThat(client.count(c -> c.index(index)).count()).isEqualTo(2_500);
  }

  @Test
  void shouldReportADocumentTheMappingRefusesAndIndexEveryOtherOne() throws Exception {
    String index = newFlowsIndex();

    JobID job = runSequence(RealElasticsearch.url(), documents(index, 42), 100);

    assertThat(travellers(index)).isEqualTo(100 * 101 / 2.0 - 42);
    assertThat(client.count(c -> c.index(index)).count()).isEqualTo(99);
    List<ObjectNode> reports = reportsAbout(index);
    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.get("reason").asText()).isEqualTo("UNINDEXABLE");
      assertThat(report.at("/elasticsearch/document_id").asText()).isEqualTo("doc-42");
      assertThat(report.at("/elasticsearch/error_type").asText()).isEqualTo("document_parsing_exception");
      assertThat(report.get("message").asText()).contains("travellers").doesNotContain("many");
    });
    assertThat(counter(job, ElasticsearchSinkWriter.DEAD_LETTERED_METRIC)).isEqualTo(1);
  }

  @Test
  void shouldKeepTheNewestRevisionOfAWriterWhateverTheOrderOfItsWrites() throws Exception {
    String index = newFlowsIndex();

    JobID outOfOrder = run(RealElasticsearch.url(), revisions(index), 1, 3, 2); // one bulk: revision 2 after 3

    ObjectNode cell = cell(index);
    assertThat(cell.get("revision").asInt()).isEqualTo(3);
    assertThat(cell.get("travellers").asInt()).isEqualTo(300);
    assertThat(counter(outOfOrder, ElasticsearchSinkWriter.STALE_REVISIONS_METRIC)).isEqualTo(1);
    assertThat(reportsAbout(index)).as("a stale revision is no error").isEmpty();
  }

  /**
   * A job restarted from a checkpoint recounts what came after it, and may fire fewer revisions for the same count
   * than the failed attempt did: the restarted writer's document must replace the failed attempt's, whatever the
   * revision numbers.
   */
  @Test
  void shouldLetARestartedWriterOverwriteWhatAnEarlierWriterWroteWithHigherRevisions() throws Exception {
    String index = newFlowsIndex();
    run(RealElasticsearch.url(), revisions(index), 1, 2, 3, 4); // the failed attempt: 400 travellers in revision 4

    JobID restarted = run(RealElasticsearch.url(),
        r -> IndexRequestEntry.versioned(index, "cell", "{\"travellers\": 500, \"revision\": " + r + "}", r), 2);

    ObjectNode cell = cell(index);
    assertThat(cell.get("travellers").asInt()).isEqualTo(500);
    assertThat(cell.get("revision").asInt()).isEqualTo(2);
    assertThat(counter(restarted, ElasticsearchSinkWriter.STALE_REVISIONS_METRIC)).isZero();
  }

  private static ObjectNode cell(String index) throws Exception {
    client.indices().refresh(r -> r.index(index));
    return client.get(g -> g.index(index).id("cell"), ObjectNode.class).source();
  }

  private static final long CELL_REVISION_5 = 100;

  @Test
  void shouldRetryItemsRefusedForNowAndSettleTheRestOfAPartlyFailedBulk() throws Exception {
    String index = newFlowsIndex();
    Set<String> refusedOnce = Set.of("doc-2", "doc-3", "doc-7", "doc-11", "doc-12");

    JobID job;
    try (ItemRefusingProxy proxy = new ItemRefusingProxy(RealElasticsearch.url(), refusedOnce)) {
      // One bulk: revision 5 of the cell, documents 1-20 (five refused for now, 429 and 503; 13 the mapping refuses),
      // then a stale revision 4 of the cell.
      DocumentConverter<Long> mixed = n -> n == 0 ? revisions(index).toDocument(4L)
          : n == CELL_REVISION_5 ? revisions(index).toDocument(5L) : documents(index, 13).toDocument(n);
      job = run(proxy.url(), mixed, LongStream.concat(LongStream.of(CELL_REVISION_5),
          LongStream.concat(LongStream.rangeClosed(1, 20), LongStream.of(0))).toArray());
      assertThat(proxy.refusals()).isEqualTo(refusedOnce.size());
    }

    assertThat(travellers(index)).isEqualTo(20 * 21 / 2.0 - 13 + 500);
    assertThat(client.count(c -> c.index(index)).count()).as("19 documents and the cell").isEqualTo(20);
    assertThat(reportsAbout(index)).extracting(report -> report.at("/elasticsearch/document_id").asText())
        .containsExactly("doc-13");
    assertThat(counter(job, "elasticsearchDocumentsRetried")).isEqualTo(refusedOnce.size());
    assertThat(counter(job, ElasticsearchSinkWriter.DEAD_LETTERED_METRIC)).isEqualTo(1);
    assertThat(counter(job, ElasticsearchSinkWriter.STALE_REVISIONS_METRIC)).isEqualTo(1);
  }
}
