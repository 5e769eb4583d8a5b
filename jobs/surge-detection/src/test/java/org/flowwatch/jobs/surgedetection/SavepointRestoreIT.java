package org.flowwatch.jobs.surgedetection;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.savepoints.SavepointRestoreContract;
import org.flowwatch.testing.savepoints.SavepointRun;
import org.flowwatch.testing.savepoints.SavepointScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each release's savepoint of the surge detection job restores into the current code, which then writes exactly the
 * alert revisions that one uninterrupted run of the current code over the whole input writes after the cut: the
 * planted surge's episode goes on under the id it was opened with, from the revision after the savepoint's, to its
 * resolution. Lost history or episodes would open a new episode (revision 1) or none at all.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class SavepointRestoreIT extends SavepointRestoreContract {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

  private static List<SurgeAlert> uninterrupted;

  @BeforeAll
  static void installIndexTemplates() throws Exception {
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      IndexTemplates.installAll(ElasticsearchClients.blocking(transport));
    }
  }

  @Override
  protected SavepointScenario scenario() {
    return new SurgeDetectionSavepoints(false);
  }

  @Override
  protected Configuration jobConfiguration() {
    return SurgeDetectionJob.environmentConfiguration();
  }

  @Override
  protected void assertExactOutcome(SavepointRun run) throws Exception {
    List<SurgeAlert> restored = alerts();
    List<SurgeAlert> expected = uninterruptedRun().stream()
        .filter(alert -> !alert.getUpdatedAt().isBefore(SurgeDetectionSavepoints.CUT)).toList();
    assertThat(expected).as("the uninterrupted run's alerts after the cut")
        .anySatisfy(alert -> assertThat(alert.getRevision()).isGreaterThan(1))
        .anySatisfy(alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED));
    assertThat(sorted(restored)).isEqualTo(sorted(expected));
  }

  /** The current code over both halves in one bounded run, at the savepoints' parallelism; once per test class. */
  private static List<SurgeAlert> uninterruptedRun() throws Exception {
    if (uninterrupted == null) {
      SurgeDetectionSavepoints scenario = new SurgeDetectionSavepoints(true);
      scenario.recreateTopics();
      scenario.writeFirstHalf();
      scenario.writeSecondHalf();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
          SurgeDetectionJob.environmentConfiguration());
      scenario.define(env, new SavepointRun("uninterrupted-" + System.nanoTime(), FROZEN_PARALLELISM));
      env.execute("surge detection uninterrupted");
      uninterrupted = alerts();
    }
    return uninterrupted;
  }

  private static List<SurgeAlert> alerts() throws Exception {
    AvroCodec<SurgeAlert> codec = AvroCodec.of(SurgeAlert.class);
    List<SurgeAlert> alerts = new ArrayList<>();
    for (byte[] value : KafkaTestTopics.readCommitted(RealKafka.bootstrapServers(),
        new SurgeDetectionSavepoints(false).alertsTopic())) {
      alerts.add(codec.decode(value));
    }
    return alerts;
  }

  private static List<SurgeAlert> sorted(List<SurgeAlert> alerts) {
    return alerts.stream().sorted(Comparator.comparing(SurgeAlert::getId).thenComparing(SurgeAlert::getRevision))
        .toList();
  }
}
