package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.simulator.ObservationGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole topology on a MiniCluster at parallelism 2, with an in-memory source and sink, generic types disabled. */
class FlowAggregationJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void shouldCountEveryTravellerIntoItsHourlyCell() throws Exception {
    List<FlowObservation> corpus = new ObservationGenerator(7L, 1.0)
        .between(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-01-15T12:00:00Z"));
    assertThat(corpus).hasSizeGreaterThan(100);

    CollectingSink<FlowAggregate> sink = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, FlowAggregationSettings.defaults());
    FlowAggregationJob.defineTopology(env, FlowAggregationSettings.defaults(), inMemorySource(corpus), sink);
    env.execute("flow aggregation test");

    assertThat(latestRevisionById(sink.received())).isEqualTo(ExpectedFlows.hourly(corpus));
  }

  static DataGeneratorSource<FlowObservation> inMemorySource(List<FlowObservation> corpus) {
    ArrayList<FlowObservation> records = new ArrayList<>(corpus);
    return new DataGeneratorSource<>(index -> records.get(index.intValue()), records.size(),
        RateLimiterStrategy.noOp(), new AvroTypeInfo<>(FlowObservation.class));
  }

  static Map<String, ExpectedFlows.Totals> latestRevisionById(List<FlowAggregate> aggregates) {
    Map<String, FlowAggregate> latest = new HashMap<>();
    for (FlowAggregate aggregate : aggregates) {
      latest.merge(FlowAggregateDocuments.documentId(aggregate), aggregate,
          (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    Map<String, ExpectedFlows.Totals> totals = new HashMap<>();
    latest.forEach((id, a) -> totals.put(id, new ExpectedFlows.Totals(a.getTravellers(), a.getMen(), a.getWomen(),
        a.getBoys(), a.getGirls(), a.getObservations())));
    return totals;
  }
}
