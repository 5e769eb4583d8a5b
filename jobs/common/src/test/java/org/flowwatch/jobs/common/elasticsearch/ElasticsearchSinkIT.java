package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.flowwatch.testing.RealElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Elasticsearch sink against the real server: idempotent writes, loud failure on what retrying cannot fix. */
@ExtendWith(RealElasticsearch.class)
class ElasticsearchSinkIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static RestClientTransport transport;
  private static ElasticsearchClient client;

  @BeforeAll
  static void connect() {
    transport = ElasticsearchClients.transport(RealElasticsearch.url());
    client = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(client);
  }

  @AfterAll
  static void disconnect() throws Exception {
    transport.close();
  }

  /** Document n: id "doc-n" in a strictly mapped flows index; number {@code poison}, if any, has an unmapped field. */
  private static DocumentConverter<Long> documents(String index, long poison) {
    return n -> new IndexRequestEntry(index, "doc-" + n, n == poison
        ? "{\"bogus_field\": 1}"
        : "{\"point_code\": \"NE-AGZ\", \"travellers\": " + n + "}");
  }

  private static void run(String index, long count, long poison) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromSource(new NumberSequenceSource(1, count), WatermarkStrategy.noWatermarks(), "numbers")
        .sinkTo(ElasticsearchSink.builder(RealElasticsearch.url(), documents(index, poison)).build());
    env.execute("elasticsearch sink IT");
  }

  @Test
  void shouldIndexEveryDocumentExactlyOnceEvenWhenTheSameInputIsWrittenTwice() throws Exception {
    String index = "flowwatch-flows-sink-it-" + UUID.randomUUID().toString().substring(0, 8);

    run(index, 2_500, -1);
    run(index, 2_500, -1);

    client.indices().refresh(r -> r.index(index));
    assertThat(client.count(c -> c.index(index)).count()).isEqualTo(2_500);
    var sum = client.search(s -> s.index(index).size(0)
        .aggregations("travellers", a -> a.sum(x -> x.field("travellers"))), ObjectNode.class);
    assertThat(sum.aggregations().get("travellers").sum().value()).isEqualTo(2_500 * 2_501 / 2.0);
  }

  @Test
  void shouldFailTheJobNamingTheDocumentWhenTheMappingRefusesIt() {
    String index = "flowwatch-flows-sink-it-" + UUID.randomUUID().toString().substring(0, 8);

    assertThatThrownBy(() -> run(index, 100, 42))
        .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, ElasticsearchSinkException.class))
            .hasValueSatisfying(cause -> assertThat(cause.getMessage())
                .contains("doc-42").contains(index).contains("strict_dynamic_mapping_exception")));
  }
}
