package org.flowwatch.jobs.flowaggregation.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.HourlyCell;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.testing.savepoints.SavepointHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migration of the history's 0.6.0 savepoint, read back with the State Processor API: everything the old operators
 * held is in hourly-point-flows, with the timers the job would have registered, and every other operator's state is
 * kept. (SavepointRestoreIT restores the migrated savepoint and checks the job's exact output.)
 */
class StateMigration060IT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** The savepoint corpus's cut, 2024-03-04T12:30Z (state/history/README.md): the 12:00 windows were open. */
  private static final long CUT_HOUR = Instant.parse("2024-03-04T12:00:00Z").toEpochMilli() / 3_600_000L;
  private static final FlowAggregationSettings SETTINGS = FlowAggregationSettings.defaults();
  private static final Path SAVED = SavepointHistory.savepoint(StateMigration060.FROM_RELEASE, "flow-aggregation");

  private static Path directory;
  private static StateMigration060.Summary summary;

  @BeforeAll
  static void migrate() throws Exception {
    directory = Files.createTempDirectory("flowwatch-migration-it-");
    summary = StateMigration060.migrate(SAVED, directory.resolve("migrated"), SETTINGS, 2);
  }

  @AfterAll
  static void delete() throws Exception {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void theOldOperatorsGiveWayToHourlyPointFlowsAndEveryOtherOperatorKeepsItsState() throws Exception {
    CheckpointMetadata before = SavepointLoader.loadSavepointMetadata(SAVED.toUri().toString());
    CheckpointMetadata after = SavepointLoader.loadSavepointMetadata(summary.savepoint().toUri().toString());
    Map<OperatorID, OperatorState> old = byId(before);
    Map<OperatorID, OperatorState> migrated = byId(after);

    Set<OperatorID> expected = new HashSet<>(old.keySet());
    StateMigration060.REPLACED.forEach(uid -> expected.remove(OperatorIdentifier.forUid(uid).getOperatorId()));
    OperatorID hourlyPointFlows = OperatorIdentifier.forUid(StateMigration060.HOURLY_POINT_FLOWS).getOperatorId();
    expected.add(hourlyPointFlows);
    assertThat(migrated.keySet()).isEqualTo(expected);
    for (OperatorID kept : expected) {
      if (!kept.equals(hourlyPointFlows)) {
        assertThat(migrated.get(kept).getParallelism()).isEqualTo(old.get(kept).getParallelism());
        assertThat(migrated.get(kept).getMaxParallelism()).isEqualTo(old.get(kept).getMaxParallelism());
        assertThat(migrated.get(kept).getStateSize()).as("state of %s", kept).isEqualTo(old.get(kept).getStateSize());
      }
    }
    assertThat(migrated.get(hourlyPointFlows).getMaxParallelism()).isEqualTo(JobEnvironment.MAX_PARALLELISM);
    assertThat(after.getCheckpointId()).isEqualTo(before.getCheckpointId());
    assertThat(summary.operatorsKept()).isEqualTo(expected.size() - 1);
  }

  @Test
  void theMonitoringPointsAreInTheBroadcastStateOfHourlyPointFlows() throws Exception {
    StreamExecutionEnvironment env = environment();
    List<Tuple2<String, MonitoringPoint>> points = SavepointReader.read(env, summary.savepoint().toUri().toString(),
        new HashMapStateBackend()).readBroadcastState(OperatorIdentifier.forUid(StateMigration060.HOURLY_POINT_FLOWS),
        HourlyPointFlows.POINTS.getName(), Types.STRING, Layout060.POINT_TYPE).executeAndCollect(1000);

    Map<String, MonitoringPoint> registry = MonitoringPoints.niger().stream()
        .collect(Collectors.toMap(MonitoringPoint::getCode, point -> point));
    assertThat(points.stream().collect(Collectors.toMap(point -> point.f0, point -> point.f1))).isEqualTo(registry);
    assertThat(summary.monitoringPoints()).isEqualTo(registry.size());
  }

  @Test
  void everyIdAndWindowIsInItsBucketWithTheTimersTheJobWouldHaveRegistered() throws Exception {
    StreamExecutionEnvironment env = environment();
    Duration lateness = SETTINGS.allowedLateness();
    SavepointReader old = SavepointReader.read(env, SAVED.toUri().toString(), new HashMapStateBackend());
    List<BucketEntry> oldIds = old.readKeyedState(OperatorIdentifier.forUid(Layout060.DROP_DUPLICATES),
        new Readers060.Ids(lateness), Types.STRING, TypeInformation.of(BucketEntry.class)).executeAndCollect(1_000_000);
    List<BucketEntry> oldCells = old.window(TumblingEventTimeWindows.of(Duration.ofHours(1))).aggregate(
        Layout060.HOURLY_FLOWS, new Readers060.WindowTotals(), new Readers060.Cells(lateness),
        TypeInformation.of(FlowKey.class), TypeInformation.of(FlowCounts.class), TypeInformation.of(BucketEntry.class))
        .executeAndCollect(1_000_000);
    DataStream<Bucket> state = SavepointReader.read(env, summary.savepoint().toUri().toString(),
        new HashMapStateBackend()).readKeyedState(OperatorIdentifier.forUid(StateMigration060.HOURLY_POINT_FLOWS),
        new ReadBuckets(), TypeInformation.of(HourBucket.class), TypeInformation.of(Bucket.class));
    Map<HourBucket, Bucket> buckets = new HashMap<>();
    state.executeAndCollect(1_000_000).forEach(bucket -> buckets.put(bucket.key, bucket));

    // The first half: a day's observations up to 12:30 and the crossings before it, all of 2024-03-04.
    assertThat(oldIds).hasSizeGreaterThan(100);
    assertThat(oldCells).hasSizeGreaterThan(100);
    assertThat(summary.ids()).isEqualTo(oldIds.size());
    assertThat(summary.cells()).isEqualTo(oldCells.size());
    for (BucketEntry id : oldIds) {
      assertThat(buckets.get(id.bucket).ids).containsEntry(id.recordFingerprint, id.copies);
    }
    for (BucketEntry cell : oldCells) {
      HourlyCell migrated = buckets.get(cell.bucket).cells.get(cell.cellKey);
      assertThat(migrated).usingRecursiveComparison().isEqualTo(cell.cell);
    }
    assertThat(buckets.values().stream().mapToInt(bucket -> bucket.ids.size()).sum()).isEqualTo(oldIds.size());
    assertThat(buckets.values().stream().mapToInt(bucket -> bucket.cells.size()).sum()).isEqualTo(oldCells.size());

    // The hours the watermark had not closed at the savepoint: those of the windows that never fired (the watermark
    // is the slowest input partition's, so the cut's hour and possibly the one before it).
    RecordRules rules = SETTINGS.recordRules();
    long awaitingClose = 0;
    for (Bucket bucket : buckets.values()) {
      assertThat(bucket.key.hour).isBetween(CUT_HOUR - 12, CUT_HOUR);
      boolean open = bucket.cells.values().stream().anyMatch(cell -> cell.revision == 0);
      Set<Long> expected = open ? Set.of(bucket.key.maxTimestamp(), rules.forgetAt(bucket.key.startMillis()))
          : Set.of(rules.forgetAt(bucket.key.startMillis()));
      assertThat(bucket.timers).as("timers of %s", bucket.key).isEqualTo(expected);
      if (bucket.key.hour == CUT_HOUR) {
        assertThat(open).as("%s is of the cut's hour", bucket.key).isTrue();
      }
      if (open) {
        assertThat(bucket.cells.values()).as("cells of %s, all of an open hour", bucket.key)
            .allSatisfy(cell -> assertThat(cell.revision).isZero());
        awaitingClose += bucket.cells.size();
      }
    }
    assertThat(awaitingClose).isPositive().isEqualTo(summary.cellsAwaitingClose());
    // Ids and cells of the same records: every bucket with ids has cells.
    assertThat(buckets.values()).allSatisfy(bucket -> assertThat(bucket.cells).isNotEmpty());
  }

  @Test
  void aSavepointIsMigratedOnceIntoANewDirectory() throws Exception {
    assertThatThrownBy(() -> StateMigration060.checkSource(summary.savepoint()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("migrated already");
    assertThatThrownBy(() -> StateMigration060.migrate(SAVED, summary.savepoint(), SETTINGS, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
    assertThatThrownBy(() -> StateMigration060.checkSource(directory))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no savepoint");
  }

  @Test
  void aLatenessOtherThanTheOneTheSavepointWasTakenWithIsRefused() {
    FlowAggregationSettings otherLateness = FlowAggregationSettings.from(Configuration.fromMap(
        Map.of("window.allowed-lateness", "2 d")));
    Path target = directory.resolve("wrong-lateness");

    assertThatThrownBy(() -> StateMigration060.migrate(SAVED, target, otherLateness, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowed lateness PT48H").hasMessageContaining("window.allowed-lateness");
    assertThat(target).isEmptyDirectory();
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(2);
    return env;
  }

  private static Map<OperatorID, OperatorState> byId(CheckpointMetadata metadata) {
    return metadata.getOperatorStates().stream().collect(Collectors.toMap(OperatorState::getOperatorID, s -> s));
  }

  /** One bucket of hourly-point-flows as the migrated savepoint holds it. */
  public static final class Bucket {
    public HourBucket key;
    public Map<Long, Integer> ids = new HashMap<>();
    public Map<String, HourlyCell> cells = new HashMap<>();
    public Set<Long> timers = new HashSet<>();
  }

  static final class ReadBuckets extends KeyedStateReaderFunction<HourBucket, Bucket> {
    private static final long serialVersionUID = 1L;
    private transient MapState<Long, Integer> ids;
    private transient MapState<String, HourlyCell> cells;

    @Override
    public void open(OpenContext context) {
      ids = getRuntimeContext().getMapState(HourlyPointFlowsBootstrap.IDS);
      cells = getRuntimeContext().getMapState(HourlyPointFlowsBootstrap.CELLS);
    }

    @Override
    public void readKey(HourBucket key, Context context, Collector<Bucket> out) throws Exception {
      Bucket bucket = new Bucket();
      bucket.key = key;
      ids.entries().forEach(entry -> bucket.ids.put(entry.getKey(), entry.getValue()));
      cells.entries().forEach(entry -> bucket.cells.put(entry.getKey(), entry.getValue()));
      bucket.timers = new HashSet<>(new ArrayList<>(context.registeredEventTimeTimers()));
      out.collect(bucket);
    }
  }
}
