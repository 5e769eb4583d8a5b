package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.flowaggregation.functions.SuppressSmallCells;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.testing.CollectingSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An attacker who reads every version of the published documents tries to recover the count of a suppressed
 * nationality cell. The cell (TCD at one point and hour) grows 1 -> 2 -> 3 with late data, beside two big cells;
 * the revisions go through the job's real published path ({@link FlowAggregationJob#rollUps} and
 * {@link FlowAggregationJob#published}) at the default settings. The attacker differences what was published: OTHER
 * between revisions, the route total minus the visible nationalities, and the sex/age sub-counts of OTHER.
 *
 * <p>Every published count is a multiple of 5, so any sum or difference of published counts is one too: it can never
 * equal a suppressed count (1 to 4). Before the published view was rounded, OTHER alone held the exact count.
 */
class DifferencingAttackTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  private static final Instant HOUR = Instant.parse("2024-01-15T08:00:00Z");
  private static final String POINT = "NE-ASM";
  private static final String ROUTE = "AGADEZ-ALGERIA";
  private static final CollectingSink<FlowAggregate> PUBLISHED = new CollectingSink<>();
  private static boolean ran;

  /** Point-level hourly aggregates as the hourly window emits them: a first firing, then late revisions of TCD. */
  private static List<FlowAggregate> revisions() {
    List<FlowAggregate> steps = new ArrayList<>();
    steps.add(cell(HOUR, POINT, "NGA", 1, 31, 9, 0, 0, 0));
    steps.add(cell(HOUR, POINT, "MLI", 1, 8, 3, 1, 0, 1));
    steps.add(cell(HOUR, POINT, "TCD", 1, 0, 0, 0, 1, 1));
    // In event time two hours later elsewhere: moves the watermark past the hour, which is then published.
    steps.add(cell(HOUR.plus(Duration.ofHours(2)), "NE-AGZ", "NGA", 1, 10, 0, 0, 0, 0));
    steps.add(cell(HOUR, POINT, "TCD", 2, 1, 0, 0, 1, 1));  // late: a man joins the girl
    steps.add(cell(HOUR, POINT, "NGA", 2, 32, 9, 0, 0, 0)); // late: a big cell changes too
    steps.add(cell(HOUR, POINT, "TCD", 3, 1, 1, 0, 1, 1));  // late: a woman
    return steps;
  }

  private static FlowAggregate cell(Instant start, String point, String nationality, int revision, long men,
      long women, long boys, long girls, long unaccompaniedChildren) {
    long travellers = men + women + boys + girls;
    return FlowAggregate.newBuilder()
        .setGranularity(WindowGranularity.HOURLY).setWindowStart(start).setWindowEnd(start.plus(Duration.ofHours(1)))
        .setPointCode(point).setDirection(Direction.OUTGOING).setNationality(nationality)
        .setRoute(point.equals(POINT) ? ROUTE : null).setSourceKind(SourceKind.BORDER_CROSSING)
        .setTravellers(travellers).setMen(men).setWomen(women).setBoys(boys).setGirls(girls)
        .setUnaccompaniedChildren(unaccompaniedChildren)
        .setTransportModes(Map.of("OTHER", travellers)).setObservations(travellers).setRevision(revision)
        .build();
  }

  @BeforeEach
  void runThePublishedPathOnce() throws Exception {
    if (ran) {
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    env.setParallelism(1); // one ordered stream of revisions, as one window key sends them
    FlowAggregationSettings settings = FlowAggregationSettings.defaults();
    List<FlowAggregate> steps = revisions();
    DataStream<FlowAggregate> pointLevel = env.fromSource(new DataGeneratorSource<>(i -> steps.get(i.intValue()),
            steps.size(), RateLimiterStrategy.noOp(), new AvroTypeInfo<>(FlowAggregate.class)),
        WatermarkStrategy.<FlowAggregate>forGenerator(context -> new OneHourBehindTheLatestWindow())
            .withTimestampAssigner((aggregate, previous) -> aggregate.getWindowEnd().toEpochMilli() - 1),
        "hourly revisions").uid("hourly-revisions");
    long lateness = settings.allowedLateness().toMillis();
    FlowAggregationJob.published(pointLevel, FlowAggregationJob.rollUps(pointLevel, lateness),
            settings.disclosureRule(), lateness)
        .sinkTo(PUBLISHED).uid("published");
    env.execute("differencing attack");
    ran = true;
  }

  /** Deterministic event time: a watermark with each record, one hour behind the latest window end seen. */
  private static final class OneHourBehindTheLatestWindow implements WatermarkGenerator<FlowAggregate> {
    private long latest = Long.MIN_VALUE;

    @Override
    public void onEvent(FlowAggregate aggregate, long timestamp, WatermarkOutput output) {
      latest = Math.max(latest, timestamp);
      output.emitWatermark(new Watermark(latest - Duration.ofHours(1).toMillis()));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Every published version of the attacked hour's documents, in the order they were sent. */
  private static List<FlowAggregate> versions(AggregateLevel level, String nationality) {
    return PUBLISHED.received().stream()
        .filter(a -> a.getWindowStart().equals(HOUR) && a.getLevel() == level)
        .filter(a -> level == AggregateLevel.ROUTE || a.getNationality().equals(nationality))
        .toList();
  }

  @Test
  void theSuppressedNationalityIsNeverPublishedOnItsOwn() {
    assertThat(versions(AggregateLevel.POINT, "TCD")).isEmpty();
    assertThat(versions(AggregateLevel.POINT, SuppressSmallCells.OTHER)).isNotEmpty();
  }

  @Test
  void otherDoesNotRevealTheSuppressedCountNorItsGrowth() {
    List<FlowAggregate> other = versions(AggregateLevel.POINT, SuppressSmallCells.OTHER);
    List<Long> estimates = new ArrayList<>(other.stream().map(FlowAggregate::getTravellers).toList());
    for (int i = 1; i < other.size(); i++) {
      estimates.add(other.get(i).getTravellers() - other.get(i - 1).getTravellers()); // one late arrival each?
    }
    assertThat(estimates).as("OTHER and its differences between revisions").allSatisfy(this::isNoSuppressedCount);
  }

  @Test
  void theRouteTotalMinusTheVisibleNationalitiesDoesNotRevealTheSuppressedCount() {
    FlowAggregate total = last(versions(AggregateLevel.ROUTE, null));
    long visible = last(versions(AggregateLevel.POINT, "NGA")).getTravellers()
        + last(versions(AggregateLevel.POINT, "MLI")).getTravellers();
    isNoSuppressedCount(total.getTravellers() - visible);
  }

  @Test
  void subCountsAndTheirDifferencesRevealNoSmallCount() {
    for (String nationality : List.of(SuppressSmallCells.OTHER, "NGA", "MLI")) {
      List<FlowAggregate> versions = versions(AggregateLevel.POINT, nationality);
      for (ToLongFunction<FlowAggregate> count : List.<ToLongFunction<FlowAggregate>>of(FlowAggregate::getMen,
          FlowAggregate::getWomen, FlowAggregate::getBoys, FlowAggregate::getGirls, FlowAggregate::getUnspecified,
          FlowAggregate::getUnaccompaniedChildren, FlowAggregate::getObservations)) {
        for (int i = 0; i < versions.size(); i++) {
          isNoSuppressedCount(count.applyAsLong(versions.get(i)));
          if (i > 0) {
            isNoSuppressedCount(count.applyAsLong(versions.get(i)) - count.applyAsLong(versions.get(i - 1)));
          }
        }
      }
    }
  }

  @Test
  void aNewVersionIsPublishedOnlyWhenAPublishedCountChanged() {
    // Else the revision number would count the late arrivals even when the rounded counts hide them.
    List<FlowAggregate> other = versions(AggregateLevel.POINT, SuppressSmallCells.OTHER);
    for (int i = 0; i < other.size(); i++) {
      assertThat(other.get(i).getRevision()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(FlowAggregate.newBuilder(other.get(i)).setRevision(0).build())
            .isNotEqualTo(FlowAggregate.newBuilder(other.get(i - 1)).setRevision(0).build());
      }
    }
  }

  @Test
  void theBigCellsStayUseful() {
    assertThat(last(versions(AggregateLevel.POINT, "NGA")).getTravellers()).isBetween(41L - 4, 41L + 4);
    assertThat(last(versions(AggregateLevel.ROUTE, null)).getTravellers()).isBetween(56L - 4, 56L + 4);
  }

  /** The suppressed counts are 1, 2 and 3; no estimate may be any count a suppressed cell can hold (1 to 4). */
  private void isNoSuppressedCount(long estimate) {
    assertThat(Math.abs(estimate)).as("an estimate the attacker computed").isNotIn(1L, 2L, 3L, 4L);
  }

  private static FlowAggregate last(List<FlowAggregate> versions) {
    assertThat(versions).isNotEmpty();
    return versions.get(versions.size() - 1);
  }
}
