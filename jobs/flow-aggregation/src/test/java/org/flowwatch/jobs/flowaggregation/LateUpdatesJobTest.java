package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.CollectingSink;
import org.flowwatch.testing.JobSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late data end to end: records that arrive after the watermark has closed their hour and day (proven by the day's
 * aggregate having been emitted) re-publish every view derived from them with a higher revision (hourly, daily, route
 * roll-up, published), and a cell first seen late is published once per view, not twice.
 */
class LateUpdatesJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension();

  private static final AvroCodec<FlowObservation> CODEC = AvroCodec.of(FlowObservation.class);
  private static final String DAY = "2024-01-15T00:00:00Z"; // window start of the local day (UTC+1) is 2024-01-14T23:00Z
  private static final InMemoryIo IO = new InMemoryIo();

  private static final List<FlowObservation> ON_TIME = List.of(
      observation("a1", "NE-AGZ", "2024-01-15T08:10:00Z", Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 20, 5, 0, 0)),
      observation("a2", "NE-AGZ", "2024-01-15T08:40:00Z", Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 10, 0, 0, 0)),
      // The next morning: moves the watermark past the end of the local day of the records above.
      observation("a3", "NE-AGZ", "2024-01-16T03:00:00Z", Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 8, 0, 0, 0)));
  private static final List<FlowObservation> LATE = List.of(
      // A late update of a published hour and day.
      observation("b1", "NE-AGZ", "2024-01-15T08:50:00Z", Direction.OUTGOING, TransportMode.TRUCK, group("NGA", 6, 0, 0, 0)),
      // A cell first seen late: a nationality and an hour the day had not seen.
      observation("b2", "NE-AGZ", "2024-01-15T13:20:00Z", Direction.OUTGOING, TransportMode.TRUCK, group("MLI", 9, 0, 0, 0)));

  /** One border crossing at another point and route, so that the crossings input is not empty. */
  private static final CheckpointCrossing ELSEWHERE = new CheckpointCrossing("c1", "NE-MAG",
      Instant.parse("2024-01-15T08:30:00Z"), CrossingDirection.ENTRY, "NGA", Sex.FEMALE, AgeBand.AGE_18_59,
      DocumentType.NATIONAL_ID, MovementReason.SEASONAL);

  @BeforeAll
  static void runTheJob() throws Exception {
    FlowAggregationSettings settings = FlowAggregationSettings.from(JobSettings.of(FlowAggregationOptions.PARALLELISM, "1"));
    List<byte[]> values = java.util.stream.Stream.concat(ON_TIME.stream(), LATE.stream()).map(CODEC::encode).toList();
    // Held back until the day is out in both views: each view's operator has then seen the watermark pass it
    // (the published view's operator takes its watermark from two inputs and can lag the internal view's).
    CollectingSink<FlowAggregate> internal = IO.internal;
    CollectingSink<FlowAggregate> published = IO.published;
    GatedRateLimiter.Gate dayClosed = () -> closesTheDay(internal) && closesTheDay(published);
    InputRecordDeserializer reader = new InputRecordDeserializer(SourceKind.FLOW_MONITORING, settings.recordRules());
    DataGeneratorSource<InputRecord> observations = new DataGeneratorSource<>(
        index -> reader.read("observations", 0, index, values.get(index.intValue()), System.currentTimeMillis()),
        values.size(), new GatedRateLimiter(ON_TIME.size(), dayClosed), TypeInformation.of(InputRecord.class));
    FlowAggregationIo io = new FlowAggregationIo(observations,
        InMemoryIo.inputs(new InputRecordDeserializer(SourceKind.BORDER_CROSSING, settings.recordRules()), "crossings",
            List.of(AvroCodec.of(CheckpointCrossing.class).encode(ELSEWHERE))),
        InMemoryIo.points(MonitoringPoints.niger()), IO.internal, IO.published, IO.aggregatesTopic, IO.rejected,
        IO.rejectedIndex, IO.duplicatesIndex, IO.pointsIndex);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, io);
    env.execute("late updates test");
  }

  private static boolean closesTheDay(CollectingSink<FlowAggregate> sink) {
    return sink.received().stream().anyMatch(a -> a.getGranularity() == WindowGranularity.DAILY
        && a.getWindowEnd().equals(Instant.parse("2024-01-15T23:00:00Z")));
  }

  private static Map<String, List<FlowAggregate>> byDocument(List<FlowAggregate> aggregates) {
    return aggregates.stream().collect(Collectors.groupingBy(FlowAggregateDocuments::documentId));
  }

  private static List<FlowAggregate> revisions(List<FlowAggregate> aggregates, AggregateLevel level,
      WindowGranularity granularity, String nationality, String windowStart) {
    return aggregates.stream()
        .filter(a -> a.getLevel() == level && a.getGranularity() == granularity)
        .filter(a -> level != AggregateLevel.POINT || "NE-AGZ".equals(a.getPointCode()))
        .filter(a -> nationality == null || nationality.equals(a.getNationality()))
        .filter(a -> a.getWindowStart().equals(Instant.parse(windowStart)))
        .toList();
  }

  @Test
  void theLateRecordsWereAcceptedNotRejected() {
    assertThat(IO.rejected.received()).isEmpty();
  }

  @Test
  void aLateUpdateRepublishesTheHourTheDayAndTheRouteRollUpWithTheNextRevision() {
    List<FlowAggregate> internal = IO.internal.received();
    assertThat(revisions(internal, AggregateLevel.POINT, WindowGranularity.HOURLY, "NGA", "2024-01-15T08:00:00Z"))
        .extracting(FlowAggregate::getRevision, FlowAggregate::getTravellers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 35L), org.assertj.core.groups.Tuple.tuple(2, 41L));
    assertThat(revisions(internal, AggregateLevel.POINT, WindowGranularity.DAILY, "NGA", "2024-01-14T23:00:00Z"))
        .extracting(FlowAggregate::getRevision, FlowAggregate::getTravellers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 35L), org.assertj.core.groups.Tuple.tuple(2, 41L));
    assertThat(revisions(internal, AggregateLevel.ROUTE, WindowGranularity.DAILY, null, "2024-01-14T23:00:00Z").stream()
        .filter(a -> "AGADEZ-LIBYA".equals(a.getRoute())).toList())
        .as("the route's day: on time, then the late update, then the late new nationality")
        .extracting(FlowAggregate::getRevision, FlowAggregate::getTravellers)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 35L), org.assertj.core.groups.Tuple.tuple(2, 41L),
            org.assertj.core.groups.Tuple.tuple(3, 50L));
    assertThat(IO.aggregatesTopic.received()).containsExactlyInAnyOrderElementsOf(internal);
  }

  @Test
  void aLateUpdateRepublishesThePublishedView() {
    // Published counts are rounded to base 5 and a document is re-published only when a rounded count changes:
    // 35 stays 35, and 41 rounds to 40 or 45, so the late update must show.
    List<FlowAggregate> published = IO.published.received();
    for (var cell : List.of(
        revisions(published, AggregateLevel.POINT, WindowGranularity.DAILY, "NGA", "2024-01-14T23:00:00Z"),
        revisions(published, AggregateLevel.POINT, WindowGranularity.HOURLY, "NGA", "2024-01-15T08:00:00Z"))) {
      assertThat(cell).as("published: %s", published).extracting(FlowAggregate::getRevision).containsExactly(1, 2);
      assertThat(cell.get(0).getTravellers()).isEqualTo(35L);
      assertThat(cell.get(1).getTravellers()).isIn(40L, 45L);
    }
  }

  @Test
  void aCellFirstSeenLateIsPublishedOncePerView() {
    Map<String, List<FlowAggregate>> internal = byDocument(IO.internal.received());
    List<String> lateCells = internal.keySet().stream()
        .filter(id -> id.contains("|MLI|") || id.contains("2024-01-15T13:00:00Z")).toList();
    assertThat(lateCells).as("hourly and daily point cells, hourly route roll-up and route x nationality cells")
        .hasSizeGreaterThanOrEqualTo(4);
    assertThat(lateCells).allSatisfy(id -> assertThat(internal.get(id)).as(id).singleElement()
        .satisfies(a -> assertThat(a.getRevision()).isEqualTo(1)));
    Map<String, List<FlowAggregate>> published = byDocument(IO.published.received());
    assertThat(published.entrySet()).filteredOn(e -> e.getKey().contains("2024-01-15T13:00:00Z"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).hasSize(1));
  }
}
