package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.simulator.truth.GroundTruth;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.functions.SuppressSmallCells;
import org.flowwatch.jobs.flowaggregation.functions.ScreenRecords;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole topology on a MiniCluster at parallelism 2 with generic types disabled, fed a mixed corpus from memory:
 * every record ends in exactly one place, and every view holds exactly the oracle's counts.
 */
class FlowAggregationJobTest {
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
      .setConfiguration(METRICS.addToConfiguration(new Configuration()))
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final MixedCorpus CORPUS = MixedCorpus.day(Instant.parse("2024-01-15T00:00:00Z"), 7L);
  private static final InMemoryIo IO = new InMemoryIo();
  private static JobExecutionResult result;

  // Once per class, but from a test method: the extension makes the MiniCluster the context environment only
  // before each test, not before @BeforeAll.
  @BeforeEach
  void runTheJobOnce() throws Exception {
    if (result != null) {
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, FlowAggregationSettings.defaults());
    FlowAggregationJob.defineTopology(env, FlowAggregationSettings.defaults(),
        IO.io(FlowAggregationSettings.defaults().recordRules(), CORPUS.observationValues, CORPUS.crossingValues));
    result = env.execute("flow aggregation test");
  }

  static Map<String, FlowAggregate> latestRevisionById(List<FlowAggregate> aggregates) {
    Map<String, FlowAggregate> latest = new HashMap<>();
    for (FlowAggregate aggregate : aggregates) {
      latest.merge(FlowAggregateDocuments.documentId(aggregate), aggregate,
          (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    return latest;
  }

  static Map<String, GroundTruth.Totals> totals(Map<String, FlowAggregate> aggregates, AggregateLevel level,
      WindowGranularity granularity) {
    return aggregates.entrySet().stream()
        .filter(e -> e.getValue().getLevel() == level && e.getValue().getGranularity() == granularity)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new GroundTruth.Totals(e.getValue().getTravellers(),
            e.getValue().getMen(), e.getValue().getWomen(), e.getValue().getBoys(), e.getValue().getGirls(),
            e.getValue().getObservations())));
  }

  private static long counter(String metric) {
    return METRICS.findMetrics(result.getJobID(), metric).values().stream()
        .mapToLong(m -> ((Counter) m).getCount()).sum();
  }

  @Test
  void everyInputRecordEndsInExactlyOnePlace() {
    long rejected = counter(ScreenRecords.REJECTED_METRIC);
    long duplicates = counter(HourlyPointFlows.DUPLICATES_METRIC);
    long aggregated = counter(HourlyPointFlows.AGGREGATED_METRIC);

    assertThat(counter(ScreenRecords.RECORDS_IN_METRIC)).isEqualTo(CORPUS.totalInput());
    assertThat(rejected).isEqualTo(CORPUS.expectedRejected());
    assertThat(duplicates).isEqualTo(CORPUS.expectedDuplicates);
    assertThat(aggregated).isEqualTo(CORPUS.expectedAggregated());
    assertThat(aggregated + rejected + duplicates).isEqualTo(CORPUS.totalInput());
    // The known places are also where the dashboards read them: one document per rejected record and per resend.
    assertThat(IO.rejectedIndex.received()).hasSize((int) rejected);
    assertThat(IO.duplicatesIndex.received()).hasSize((int) duplicates)
        .allSatisfy(d -> assertThat(d.resend).isPositive());
    assertThat(IO.duplicatesIndex.received().stream().map(d -> d.dedupKey + "|" + d.resend).distinct())
        .as("a resend's id is unique").hasSize((int) duplicates);
  }

  private static long counter(String metric, SourceKind kind) {
    return METRICS.findMetrics(result.getJobID(), metric).entrySet().stream()
        .filter(e -> e.getKey().contains("source." + kind.name() + "."))
        .mapToLong(e -> ((Counter) e.getValue()).getCount()).sum();
  }

  @Test
  void eachInputIsAccountedForOnItsOwn() {
    long crossingsRejected = CORPUS.crossingValues.size() - CORPUS.validCrossings.size();
    assertThat(counter(ScreenRecords.RECORDS_IN_METRIC, SourceKind.BORDER_CROSSING))
        .isEqualTo(CORPUS.crossingValues.size());
    assertThat(counter(ScreenRecords.REJECTED_METRIC, SourceKind.BORDER_CROSSING)).isEqualTo(crossingsRejected);
    assertThat(counter(HourlyPointFlows.AGGREGATED_METRIC, SourceKind.BORDER_CROSSING))
        .isEqualTo(CORPUS.validCrossings.size());
    assertThat(counter(ScreenRecords.RECORDS_IN_METRIC, SourceKind.FLOW_MONITORING))
        .isEqualTo(CORPUS.observationValues.size());
    assertThat(counter(ScreenRecords.REJECTED_METRIC, SourceKind.FLOW_MONITORING))
        .isEqualTo(CORPUS.expectedRejected() - crossingsRejected);
    assertThat(counter(HourlyPointFlows.DUPLICATES_METRIC, SourceKind.FLOW_MONITORING)).isEqualTo(CORPUS.expectedDuplicates);
    assertThat(counter(HourlyPointFlows.AGGREGATED_METRIC, SourceKind.FLOW_MONITORING))
        .isEqualTo(CORPUS.validObservations.size());
  }

  @Test
  void theMonitoringPointsGoToTheirIndex() {
    assertThat(IO.pointsIndex.received()).extracting(MonitoringPoint::getCode)
        .containsExactlyInAnyOrderElementsOf(MonitoringPoints.niger().stream().map(MonitoringPoint::getCode).toList());
  }

  @Test
  void rejectedRecordsCarryTheirReasonAndAreNotLost() {
    Map<RejectReason, Long> byReason = IO.rejected.received().stream()
        .collect(Collectors.groupingBy(RejectedRecord::getReason, Collectors.counting()));
    assertThat(byReason).isEqualTo(CORPUS.expectedRejections);
    assertThat(IO.rejected.received()).allSatisfy(r -> {
      assertThat(r.getMessage()).isNotBlank();
      assertThat(r.getOriginalBytes().remaining()).isPositive();
    });
    assertThat(IO.rejectedIndex.received()).as("the same records go to the data-quality index")
        .containsExactlyInAnyOrderElementsOf(IO.rejected.received());
  }

  @Test
  void hourlyPointCellsHoldExactlyTheOraclesCounts() {
    Map<String, FlowAggregate> internal = latestRevisionById(IO.internal.received());
    ExpectedFlows.assertSameCells(totals(internal, AggregateLevel.POINT, WindowGranularity.HOURLY),
        GroundTruth.hourly(CORPUS.validObservations, CORPUS.validCrossings));
  }

  @Test
  void routeRollUpsAndDailyWindowsAddUpToTheSameTravellers() {
    Map<String, FlowAggregate> internal = latestRevisionById(IO.internal.received());
    Map<String, GroundTruth.Totals> hourly = GroundTruth.hourly(CORPUS.validObservations, CORPUS.validCrossings);
    Map<String, Long> routes = internal.entrySet().stream()
        .filter(e -> e.getValue().getLevel() == AggregateLevel.ROUTE && e.getValue().getGranularity() == WindowGranularity.HOURLY)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getTravellers()));
    ExpectedFlows.assertSameCells(routes, GroundTruth.routeTravellers(hourly));

    long allTravellers = hourly.values().stream().mapToLong(GroundTruth.Totals::travellers).sum();
    assertThat(totals(internal, AggregateLevel.POINT, WindowGranularity.DAILY).values().stream()
        .mapToLong(GroundTruth.Totals::travellers).sum()).isEqualTo(allTravellers);
    assertThat(totals(internal, AggregateLevel.ROUTE_NATIONALITY, WindowGranularity.DAILY).values().stream()
        .mapToLong(GroundTruth.Totals::travellers).sum())
        .isEqualTo(hourly.entrySet().stream().filter(e -> !e.getKey().split("\\|")[6].equals("-"))
            .mapToLong(e -> e.getValue().travellers()).sum());
  }

  @Test
  void thePublishedViewGroupsSmallNationalitiesAsOtherAndRoundsWithoutLosingTravellers() {
    Map<String, FlowAggregate> internal = latestRevisionById(IO.internal.received());
    Map<String, FlowAggregate> published = latestRevisionById(IO.published.received());
    List<FlowAggregate> publishedPoints = published.values().stream()
        .filter(a -> a.getLevel() == AggregateLevel.POINT).toList();

    assertThat(publishedPoints).filteredOn(a -> !SuppressSmallCells.OTHER.equals(a.getNationality()))
        .allSatisfy(a -> assertThat(internal.get(FlowAggregateDocuments.documentId(a)).getTravellers())
            .as("shown on its own only from the minimum cell size").isGreaterThanOrEqualTo(5));
    assertThat(publishedPoints).anySatisfy(a -> assertThat(a.getNationality()).isEqualTo(SuppressSmallCells.OTHER));
    assertThat(published.values()).allSatisfy(a -> assertThat(a.getTravellers() % 5).as("rounded to base 5").isZero());
    for (WindowGranularity granularity : WindowGranularity.values()) {
      // Rounding is unbiased: the published sum stays within a small fraction of the exact one.
      long publishedSum = publishedPoints.stream().filter(a -> a.getGranularity() == granularity)
          .mapToLong(FlowAggregate::getTravellers).sum();
      long exactSum = totals(internal, AggregateLevel.POINT, granularity).values().stream()
          .mapToLong(GroundTruth.Totals::travellers).sum();
      assertThat((double) publishedSum).isCloseTo(exactSum, org.assertj.core.data.Percentage.withPercentage(5));
    }
    assertThat(published.values()).noneMatch(a -> a.getLevel() == AggregateLevel.ROUTE_NATIONALITY);
  }

  @Test
  void theAggregatesTopicReceivesTheInternalView() {
    assertThat(latestRevisionById(IO.aggregatesTopic.received())).isEqualTo(latestRevisionById(IO.internal.received()));
  }
}
