package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;
import org.flowwatch.simulator.ObservationGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The aggregates topic in window order during a catch-up (three days of observations and crossings at once, at parallelism 2): the
 * surge detection job takes its event-time clock from this topic, so an aggregate of an hour must never come after
 * one of a later hour, whatever its level (route roll-ups are two exchanges behind the point cells).
 */
class AggregatesTopicOrderTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension();

  private static final InMemoryIo IO = new InMemoryIo();

  @BeforeAll
  static void catchUpOnThreeDays() throws Exception {
    Instant start = Instant.parse("2024-03-04T00:00:00Z");
    AvroCodec<FlowObservation> codec = AvroCodec.of(FlowObservation.class);
    Instant end = start.plus(Duration.ofDays(3));
    List<byte[]> observations = new ObservationGenerator(31L, 1.0).between(start, end).stream()
        .sorted(Comparator.comparing(FlowObservation::getObservedAt)).map(codec::encode).toList();
    AvroCodec<CheckpointCrossing> crossingCodec = AvroCodec.of(CheckpointCrossing.class);
    CrossingGenerator crossings = new CrossingGenerator(32L);
    List<byte[]> crossingValues = LongStream.range(0, 3_000)
        .mapToObj(i -> crossingCodec.encode(crossings.crossing(i, 3_000, start, end))).toList();
    FlowAggregationSettings settings = FlowAggregationSettings.defaults();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, IO.io(settings.recordRules(), observations, crossingValues));
    env.execute("aggregates topic order test");
  }

  @Test
  void noAggregateComesAfterOneOfALaterWindow() {
    List<FlowAggregate> topic = IO.aggregatesTopic.received();
    assertThat(topic).extracting(FlowAggregate::getLevel).contains(AggregateLevel.POINT, AggregateLevel.ROUTE,
        AggregateLevel.ROUTE_NATIONALITY);
    assertThat(topic).extracting(FlowAggregate::getGranularity).contains(WindowGranularity.HOURLY,
        WindowGranularity.DAILY);
    assertThat(topic).as("history in order: no late update").allSatisfy(a -> assertThat(a.getRevision()).isEqualTo(1));
    assertThat(topic).extracting(FlowAggregate::getWindowEnd).isSorted();
  }

  @Test
  void theTopicHoldsTheInternalViewAndNothingElse() {
    assertThat(IO.aggregatesTopic.received()).containsExactlyInAnyOrderElementsOf(IO.internal.received());
  }
}
