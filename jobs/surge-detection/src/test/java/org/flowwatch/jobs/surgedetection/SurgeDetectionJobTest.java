package org.flowwatch.jobs.surgedetection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.testing.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole topology on a MiniCluster with in-memory source and sinks. */
class SurgeDetectionJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void aSurgeOnOneRouteAmongQuietSeriesIsOneEpisodeInBothSinks() throws Exception {
    long surge = 62 * 24 + 8;
    List<FlowAggregate> aggregates = new ArrayList<>();
    for (long hour = 0; hour < 70 * 24; hour++) {
      long count = HourlyAggregates.regular(hour, 40) * (hour >= surge && hour < surge + 24 ? 6 : 1);
      aggregates.add(HourlyAggregates.route("AGADEZ-LIBYA", Direction.OUTGOING, hour, count, 1));
      aggregates.add(HourlyAggregates.route("AGADEZ-ALGERIA", Direction.OUTGOING, hour,
          HourlyAggregates.regular(hour, 30), 1));
    }
    CollectingSink<SurgeAlert> topic = new CollectingSink<>();
    CollectingSink<SurgeAlert> index = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        SurgeDetectionJob.environmentConfiguration());
    SurgeDetectionSettings settings = SurgeDetectionSettings.defaults();
    SurgeDetectionJob.configure(env, settings);
    SurgeDetectionJob.defineTopology(env, settings, new SurgeDetectionIo(source(aggregates), topic, index));
    env.execute("surge detection test");

    assertThat(topic.received()).isNotEmpty().extracting(SurgeAlert::getSeriesKey)
        .containsOnly("route=AGADEZ-LIBYA|direction=OUTGOING");
    assertThat(topic.received()).extracting(SurgeAlert::getStatus).startsWith(AlertStatus.OPEN)
        .endsWith(AlertStatus.RESOLVED);
    assertThat(index.received()).containsExactlyElementsOf(topic.received());
  }

  private static DataGeneratorSource<FlowAggregate> source(List<FlowAggregate> aggregates) {
    ArrayList<FlowAggregate> copy = new ArrayList<>(aggregates);
    return new DataGeneratorSource<>(i -> copy.get(i.intValue()), copy.size(), RateLimiterStrategy.noOp(),
        new AvroTypeInfo<>(FlowAggregate.class));
  }
}
