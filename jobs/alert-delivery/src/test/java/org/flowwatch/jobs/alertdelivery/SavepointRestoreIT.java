package org.flowwatch.jobs.alertdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
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
 * Each release's savepoint of the alert delivery job restores into the current code, which then delivers to each
 * subscriber's topic exactly the revisions that came after the cut, each once. The subscriptions topic is not read
 * again (its offsets are restored), so nothing is routed unless the subscriptions came back in broadcast state; the
 * first half is resent before the new revisions, so each first-half revision would be delivered again unless the
 * routing state that remembers it came back; and the new revisions of the two open episodes and of a new one would be
 * missing if state or offsets were lost on the way.
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
    return new AlertDeliverySavepoints();
  }

  @Override
  protected Configuration jobConfiguration() {
    return AlertDeliveryJob.environmentConfiguration();
  }

  @Override
  protected void assertExactOutcome(SavepointRun run) throws Exception {
    Map<String, List<AlertDeliverySavepoints.Revision>> expected = AlertDeliverySavepoints.afterCut();
    assertThat(expected.get(AlertDeliverySavepoints.EVERYTHING_TOPIC)).as("new revisions after the cut").hasSize(5);
    assertThat(expected.get(AlertDeliverySavepoints.AGADEZ_TOPIC)).as("new AGADEZ-LIBYA revisions").hasSize(3);
    for (Map.Entry<String, List<AlertDeliverySavepoints.Revision>> topic : expected.entrySet()) {
      assertThat(AlertDeliverySavepoints.delivered(topic.getKey())).as(topic.getKey()).isEqualTo(topic.getValue());
    }
    assertThat(KafkaTestTopics.readCommitted(RealKafka.bootstrapServers(),
        AlertDeliverySavepoints.settings(run).deadLetterTopic())).as("dead letters").isEmpty();
  }
}
