package org.flowwatch.jobs.surgedetection;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.JobSettings;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection job with its real connectors on a MiniCluster at parallelism 2, between the real Kafka broker and
 * Elasticsearch server: 70 days of hourly aggregates replayed from the aggregates topic, with a surge planted on one
 * route; the default detector (day-of-week Farrington) and lifecycle.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class SurgeDetectionIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void aPlantedSurgeIsExactlyOneAlertThatOpensEscalatesAndResolvesInKafkaAndInElasticsearch() throws Exception {
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    SurgeDetectionSettings settings = SurgeDetectionSettings.from(JobSettings.of(
        SurgeDetectionOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        SurgeDetectionOptions.AGGREGATES_TOPIC, run + ".aggregates",
        SurgeDetectionOptions.ALERTS_TOPIC, run + ".alerts",
        SurgeDetectionOptions.TRANSACTIONAL_ID_PREFIX, run,
        SurgeDetectionOptions.GROUP_ID, run,
        SurgeDetectionOptions.STARTING_OFFSETS, "EARLIEST",
        SurgeDetectionOptions.BOUNDED, "true",
        SurgeDetectionOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        SurgeDetectionOptions.ALERTS_INDEX, "flowwatch-alerts-" + run,
        SurgeDetectionOptions.CHECKPOINT_INTERVAL, "2 s"));
    KafkaTopics.createIfMissing(settings.kafka(), SurgeDetectionConnectors.topics(settings));
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      ElasticsearchClient elasticsearch = ElasticsearchClients.blocking(transport);
      IndexTemplates.installAll(elasticsearch);

      KafkaTestTopics.produce(settings.kafka().bootstrapServers(), settings.aggregatesTopic(),
          HourlyAggregates.plantedSurge().stream().map(AvroCodec.of(FlowAggregate.class)::encode).toList());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
          SurgeDetectionJob.environmentConfiguration());
      SurgeDetectionJob.configure(env, settings);
      SurgeDetectionJob.defineTopology(env, settings, SurgeDetectionConnectors.real(settings));
      env.execute("surge detection IT");

      AvroCodec<SurgeAlert> codec = AvroCodec.of(SurgeAlert.class);
      List<SurgeAlert> alerts = new ArrayList<>();
      for (byte[] value : KafkaTestTopics.readCommitted(settings.kafka().bootstrapServers(), settings.alertsTopic())) {
        alerts.add(codec.decode(value));
      }

      assertThat(alerts).extracting(SurgeAlert::getId).containsOnly(alerts.get(0).getId());
      assertThat(alerts).extracting(SurgeAlert::getSeriesKey).containsOnly("route=AGADEZ-LIBYA|direction=OUTGOING");
      assertThat(alerts).extracting(SurgeAlert::getSignal).containsOnly(AlertSignal.SURGE);
      assertThat(alerts).extracting(SurgeAlert::getMethod).containsOnly("farrington");
      assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(alerts.subList(1, alerts.size() - 1)).isNotEmpty()
          .allSatisfy(alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.ESCALATED));
      SurgeAlert last = alerts.get(alerts.size() - 1);
      assertThat(last.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(last.getSeverity()).isEqualTo(AlertSeverity.HIGH);
      assertThat(alerts).extracting(SurgeAlert::getRevision)
          .containsExactly(IntStream.rangeClosed(1, alerts.size()).boxed().toArray(Integer[]::new));
      long openedHour = alerts.get(0).getOpenedAt().toEpochMilli() / 3_600_000L;
      assertThat(openedHour).as("flagged within two hours of the surge's first hour").isBetween(HourlyAggregates.SURGE_START + 1,
          HourlyAggregates.SURGE_START + 2);

      elasticsearch.indices().refresh(r -> r.index(settings.alertsIndex() + "-*"));
      List<Hit<ObjectNode>> documents = elasticsearch.search(s -> s.index(settings.alertsIndex() + "-*").size(100),
          ObjectNode.class).hits().hits();
      assertThat(documents).singleElement().satisfies(hit -> {
        assertThat(hit.id()).isEqualTo(last.getId());
        assertThat(hit.source().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(hit.source().get("revision").asInt()).isEqualTo(alerts.size());
        assertThat(hit.source().get("route").asText()).isEqualTo("AGADEZ-LIBYA");
        assertThat(hit.source().get("resolved_at").asText()).isEqualTo(last.getResolvedAt().toString());
      });
    }
  }
}
