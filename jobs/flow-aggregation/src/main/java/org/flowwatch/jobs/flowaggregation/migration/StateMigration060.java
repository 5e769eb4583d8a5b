package org.flowwatch.jobs.flowaggregation.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.CloseableRegistry;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.DefaultOperatorStateBackend;
import org.apache.flink.runtime.state.DefaultOperatorStateBackendBuilder;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.schema.MonitoringPoint;

/**
 * The offline state migration of the flow aggregation job from the 0.6.0 layout (validate-and-enrich, drop-duplicates,
 * hourly-flows) to 0.7.0's one keyed step hourly-point-flows, with Flink's State Processor API: it reads a 0.6.0
 * savepoint and writes a new savepoint that the current job restores, without allowNonRestoredState.
 *
 * <ul>
 *   <li>the monitoring points of validate-and-enrich's broadcast state become hourly-point-flows' broadcast state;
 *   <li>each record id of drop-duplicates, with its copies, becomes an id of its bucket (source kind and point from
 *       the key, hour from the key's timer and the allowed lateness: {@link Layout060#hourOfForgetTimer});
 *   <li>each hourly window of hourly-flows becomes a cell of its bucket with the same totals, route and revision
 *       ({@link BucketEntry#cell});
 *   <li>each bucket gets the timers hourly-point-flows would have: its forget timer, and its close timer when one of
 *       its windows still awaited its end timer in the old window operator;
 *   <li>every other operator's state (sources' offsets, daily and roll-up cells, published view, sinks) is copied as
 *       it is; the maximum parallelism stays the savepoint's (128).
 * </ul>
 *
 * The allowed lateness must be the one the 0.6.0 job ran with: the migration checks it against the old timers and
 * refuses a savepoint whose timers do not fit it.
 */
public final class StateMigration060 {
  public static final String FROM_RELEASE = "0.6.0";
  /** The operator of 0.7.0 that takes the three old operators' state. */
  public static final String HOURLY_POINT_FLOWS = "hourly-point-flows";
  static final List<String> REPLACED = List.of(Layout060.VALIDATE_AND_ENRICH, Layout060.DROP_DUPLICATES,
      Layout060.HOURLY_FLOWS);
  private static final String IDS = "migrated-ids";
  private static final String CELLS = "migrated-cells";
  private static final String AWAITING_CLOSE = "migrated-cells-awaiting-close";

  private StateMigration060() {}

  /** What a migration carried over. */
  public record Summary(Path savepoint, int monitoringPoints, long ids, long cells, long cellsAwaitingClose,
      int operatorsKept) {
    @Override
    public String toString() {
      return "migrated " + FROM_RELEASE + " state into " + savepoint + ": " + monitoringPoints + " monitoring points, "
          + ids + " deduplication ids, " + cells + " hourly cells (" + cellsAwaitingClose
          + " of hours not closed yet); " + operatorsKept + " other operators' state kept as it was";
    }
  }

  /**
   * Migrates the 0.6.0 savepoint in {@code from} into a new savepoint in {@code to} (a directory that does not exist
   * or is empty), on the execution environment of this process (a local MiniCluster, or the test's).
   *
   * @param settings the job's settings; the allowed lateness must be the 0.6.0 job's
   * @param parallelism of the migration's own job
   * @throws IllegalArgumentException when {@code from} is no 0.6.0 flow aggregation savepoint, its timers do not fit
   *     the allowed lateness, or {@code to} already holds something; a migration that fails leaves {@code to} empty
   */
  public static Summary migrate(Path from, Path to, FlowAggregationSettings settings, int parallelism)
      throws Exception {
    Path source = from.toAbsolutePath().normalize();
    Path target = to.toAbsolutePath().normalize();
    CheckpointMetadata metadata = checkSource(source);
    checkTarget(source, target);
    checkJavaLangOpen();
    Files.createDirectories(target);
    try {
      return write(metadata, source, target, settings, parallelism);
    } catch (Exception e) {
      deleteContents(target); // nothing half-written stays behind: the target was new or empty
      throw e;
    }
  }

  private static Summary write(CheckpointMetadata metadata, Path source, Path target, FlowAggregationSettings settings,
      int parallelism) throws Exception {
    Map<String, MonitoringPoint> points = monitoringPoints(metadata);
    // The State Processor API's own records are generic types: the job's no-Kryo setting is not for this job.
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(parallelism);

    Duration lateness = settings.allowedLateness();
    SavepointReader reader = SavepointReader.read(env, source.toUri().toString(), new HashMapStateBackend());
    DataStream<BucketEntry> ids = reader.readKeyedState(OperatorIdentifier.forUid(Layout060.DROP_DUPLICATES),
        new Readers060.Ids(lateness), Types.STRING, TypeInformation.of(BucketEntry.class));
    DataStream<BucketEntry> cells = reader.window(TumblingEventTimeWindows.of(Duration.ofHours(1))).aggregate(
        Layout060.HOURLY_FLOWS, new Readers060.WindowTotals(), new Readers060.Cells(lateness),
        TypeInformation.of(FlowKey.class), TypeInformation.of(FlowCounts.class), TypeInformation.of(BucketEntry.class));
    DataStream<BucketEntry> entries = ids.union(cells).flatMap(new Tally(), TypeInformation.of(BucketEntry.class))
        .name("count migrated entries");

    long checkpointId = metadata.getCheckpointId();
    StateBootstrapTransformation<BucketEntry> hourlyPointFlows = OperatorTransformation
        .bootstrapWith(entries, checkpointId)
        .keyBy(entry -> entry.bucket, TypeInformation.of(HourBucket.class))
        .transform(HourlyPointFlowsBootstrap.operator(checkpointId, points, settings.recordRules()));
    SavepointWriter writer = SavepointWriter.fromExistingSavepoint(env, source.toUri().toString(),
        new HashMapStateBackend());
    for (String uid : REPLACED) {
      writer.removeOperator(OperatorIdentifier.forUid(uid));
    }
    writer.withOperator(OperatorIdentifier.forUid(HOURLY_POINT_FLOWS), hourlyPointFlows)
        .write(target.toUri().toString());
    JobExecutionResult result = env.execute("flowwatch: migrate flow aggregation state " + FROM_RELEASE);
    for (String kind : List.of("ids", "cells")) {
      long refused = result.<Long>getAccumulatorResult(Readers060.REFUSED + "-" + kind);
      if (refused > 0) {
        List<String> first = result.getAccumulatorResult(Readers060.FIRST_REFUSAL + "-" + kind);
        throw new IllegalArgumentException(first.get(0) + " (" + refused + " " + kind + " of the savepoint refused)");
      }
    }
    return new Summary(target, points.size(), result.getAccumulatorResult(IDS), result.getAccumulatorResult(CELLS),
        result.getAccumulatorResult(AWAITING_CLOSE), metadata.getOperatorStates().size() - REPLACED.size());
  }

  /**
   * The State Processor API moves its own records (operator states, state handles) through Kryo, which on Java 17
   * fails on Flink's non-public state classes unless java.lang is open to it, as Flink's own JVM options have it.
   */
  static void checkJavaLangOpen() {
    if (!Object.class.getModule().isOpen("java.lang", StateMigration060.class.getModule())) {
      throw new IllegalStateException("the state migration needs the JVM option --add-opens=java.base/java.lang="
          + "ALL-UNNAMED (Flink's options for Java 17 have it; ./flowwatch migrate-state sets it)");
    }
  }

  private static void deleteContents(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory)) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** The savepoint's metadata, after checking that it has the 0.6.0 layout's operators and not 0.7.0's. */
  static CheckpointMetadata checkSource(Path source) throws IOException {
    if (!Files.isRegularFile(source.resolve("_metadata"))) {
      throw new IllegalArgumentException("no savepoint in " + source + " (no _metadata file)");
    }
    CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(source.toUri().toString());
    Set<OperatorID> operators = metadata.getOperatorStates().stream().map(OperatorState::getOperatorID)
        .collect(Collectors.toSet());
    if (operators.contains(OperatorIdentifier.forUid(HOURLY_POINT_FLOWS).getOperatorId())) {
      throw new IllegalArgumentException("the savepoint in " + source + " already has state of " + HOURLY_POINT_FLOWS
          + ": it is migrated already, or was taken by 0.7.0 or later");
    }
    List<String> missing = REPLACED.stream()
        .filter(uid -> !operators.contains(OperatorIdentifier.forUid(uid).getOperatorId())).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the savepoint in " + source + " is no " + FROM_RELEASE
          + " flow aggregation savepoint: it has no state of " + String.join(", ", missing));
    }
    return metadata;
  }

  private static void checkTarget(Path source, Path target) throws IOException {
    if (target.equals(source)) {
      throw new IllegalArgumentException("the migrated savepoint needs a directory of its own, not " + source);
    }
    if (Files.exists(target)) {
      try (var entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(target + " is not empty: the migrated savepoint goes to a new directory");
        }
      }
    }
  }

  /**
   * The broadcast state of validate-and-enrich (every subtask held the same; the first that has any), restored here in
   * this process: it is small, and every subtask of the new operator needs all of it when it opens.
   */
  static Map<String, MonitoringPoint> monitoringPoints(CheckpointMetadata metadata) throws Exception {
    OperatorID validateAndEnrich = OperatorIdentifier.forUid(Layout060.VALIDATE_AND_ENRICH).getOperatorId();
    OperatorState state = metadata.getOperatorStates().stream()
        .filter(operator -> operator.getOperatorID().equals(validateAndEnrich)).findFirst().orElseThrow();
    Map<String, MonitoringPoint> points = new LinkedHashMap<>();
    for (int index = 0; index < state.getParallelism(); index++) {
      OperatorSubtaskState subtask = state.getState(index);
      List<OperatorStateHandle> handles = subtask == null ? List.of() : subtask.getManagedOperatorState().asList();
      if (handles.isEmpty()) {
        continue;
      }
      try (CloseableRegistry registry = new CloseableRegistry()) {
        DefaultOperatorStateBackend backend = new DefaultOperatorStateBackendBuilder(
            StateMigration060.class.getClassLoader(), new ExecutionConfig(), false, handles, registry).build();
        try {
          for (Map.Entry<String, MonitoringPoint> point : backend.getBroadcastState(new MapStateDescriptor<>(
              Layout060.POINTS, Types.STRING, Layout060.POINT_TYPE)).entries()) {
            points.put(point.getKey(), point.getValue());
          }
        } finally {
          backend.dispose();
        }
      }
      break;
    }
    return points;
  }

  /**
   * Counts what goes into the new operator, for the summary. Drops the nulls the State Processor API's input formats
   * pass on for a key whose reader emitted nothing (a refused entry).
   */
  private static final class Tally extends RichFlatMapFunction<BucketEntry, BucketEntry> {
    private static final long serialVersionUID = 1L;
    private final LongCounter ids = new LongCounter();
    private final LongCounter cells = new LongCounter();
    private final LongCounter awaitingClose = new LongCounter();

    @Override
    public void open(OpenContext context) {
      getRuntimeContext().addAccumulator(IDS, ids);
      getRuntimeContext().addAccumulator(CELLS, cells);
      getRuntimeContext().addAccumulator(AWAITING_CLOSE, awaitingClose);
    }

    @Override
    public void flatMap(BucketEntry entry, Collector<BucketEntry> out) {
      if (entry == null) {
        return;
      }
      if (entry.isId()) {
        ids.add(1);
      } else {
        cells.add(1);
        if (entry.awaitsClose) {
          awaitingClose.add(1);
        }
      }
      out.collect(entry);
    }
  }
}
