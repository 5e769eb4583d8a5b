package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.simulator.truth.GroundTruth;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.savepoints.SavepointRestoreContract;
import org.flowwatch.testing.savepoints.SavepointRun;
import org.flowwatch.testing.savepoints.SavepointScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each release's savepoint of the flow aggregation job restores into the current code, which then writes to the
 * aggregates topic exactly the hourly cells the oracle computes from the whole day: every cell from the cut's hour on
 * (its windows were open in the savepoint), and any earlier cell it writes again, each with the totals of both halves
 * (a first-half record resent after the cut and counted again would change one). The rejected topic holds exactly the
 * second half's bad records: a source that re-read the first half would reject its bad records again. A release's
 * savepoint of the hot path before hourly-point-flows (0.6.0) is restored through the state migration
 * ({@link org.flowwatch.jobs.flowaggregation.migration.StateMigration060}), as an upgrade from it is, with the same
 * assertions: the open hours' cells only add up if the migration carried their windows, revisions and close timers
 * over (StateMigration060IT checks every id, cell and timer of the migrated savepoint itself).
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class SavepointRestoreIT extends SavepointRestoreContract {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

  @BeforeAll
  static void installIndexTemplates() throws Exception {
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
  }

  @Override
  protected SavepointScenario scenario() {
    return new FlowAggregationSavepoints();
  }

  @AfterAll
  static void deleteMigratedSavepoints() {
    FlowAggregationSavepoints.deleteMigrated();
  }

  @Override
  protected Path restorable(String release, Path saved) throws Exception {
    return FlowAggregationSavepoints.restorable(release, saved);
  }

  @Override
  protected Configuration jobConfiguration() {
    return FlowAggregationJob.environmentConfiguration();
  }

  @Override
  protected void assertExactOutcome(SavepointRun run) throws Exception {
    FlowAggregationSettings settings = FlowAggregationSavepoints.settings(run);
    SavepointCorpus corpus = FlowAggregationSavepoints.CORPUS;
    Map<String, GroundTruth.Totals> written = FlowAggregationJobTest.totals(
        FlowAggregationJobTest.latestRevisionById(decode(settings.aggregatesTopic(), FlowAggregate.class)),
        AggregateLevel.POINT, WindowGranularity.HOURLY);
    Map<String, GroundTruth.Totals> wholeDay = GroundTruth.hourly(corpus.validObservations, corpus.validCrossings);
    Instant cutHour = SavepointCorpus.CUT.truncatedTo(ChronoUnit.HOURS);
    Map<String, GroundTruth.Totals> expected = new HashMap<>();
    wholeDay.forEach((id, totals) -> {
      if (!windowStart(id).isBefore(cutHour) || written.containsKey(id)) {
        expected.put(id, totals);
      }
    });
    assertThat(expected).as("hourly cells from the cut's hour on").hasSizeGreaterThan(20);
    ExpectedFlows.assertSameCells(written, expected);

    Map<RejectReason, Long> rejected = decode(settings.rejectedTopic(), RejectedRecord.class).stream()
        .collect(Collectors.groupingBy(RejectedRecord::getReason, Collectors.counting()));
    assertThat(rejected).isEqualTo(corpus.second.rejections);
  }

  /** The window start that ends a cell's document id. */
  private static Instant windowStart(String id) {
    return Instant.parse(id.substring(id.lastIndexOf('|') + 1));
  }

  private static <T extends SpecificRecordBase> List<T> decode(String topic, Class<T> type) {
    AvroCodec<T> codec = AvroCodec.of(type);
    return KafkaTestTopics.readCommitted(RealKafka.bootstrapServers(), topic).stream().map(bytes -> {
      try {
        return codec.decode(bytes);
      } catch (Exception e) {
        throw new AssertionError("not a " + type.getSimpleName() + " on " + topic, e);
      }
    }).toList();
  }
}
