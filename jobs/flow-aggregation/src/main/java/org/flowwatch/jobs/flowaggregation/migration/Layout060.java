package org.flowwatch.jobs.flowaggregation.migration;

import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.SourceKind;

/**
 * The flow aggregation job's state as 0.6.0 (and every release before 0.7.0) saved it: three operators on the hot
 * path, each with its uid and state descriptors exactly as that code declared them (the classes are gone from the
 * code base; their state is read through these). Plain functions of that layout live here too, so that they can be
 * tested without Flink.
 */
public final class Layout060 {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  /** BroadcastProcessFunction joining the monitoring points: broadcast state {@link #POINTS}. */
  public static final String VALIDATE_AND_ENRICH = "validate-and-enrich";
  /** KeyedProcessFunction keyed by the dedup key ({@link DedupKey}): {@link #COPIES} and one event-time timer. */
  public static final String DROP_DUPLICATES = "drop-duplicates";
  /** Event-time tumbling hourly windows keyed by FlowKey, incremental FlowCounts and per-window {@link #REVISION}. */
  public static final String HOURLY_FLOWS = "hourly-flows";

  /** Name of the broadcast state of validate-and-enrich: point code to {@link #POINT_TYPE}. */
  public static final String POINTS = "monitoring-points";
  public static final TypeInformation<MonitoringPoint> POINT_TYPE = new AvroTypeInfo<>(MonitoringPoint.class);
  /** Copies of a record id seen so far. */
  public static final ValueStateDescriptor<Integer> COPIES = new ValueStateDescriptor<>("copies", Types.INT);
  /** Per-window state of the window function: the revisions emitted so far (absent until the window fired). */
  public static final ValueStateDescriptor<Integer> REVISION = new ValueStateDescriptor<>("revision", Types.INT);

  private Layout060() {}

  /**
   * A deduplication key of drop-duplicates, {@code KIND:length:point:id}: the source kind's name, the length of the
   * point code, the point code and the record id (ids are unique per kind and point only).
   */
  public record DedupKey(SourceKind kind, String pointCode, String recordId) {
    /**
     * @throws IllegalArgumentException when {@code key} is not of that form; the message never quotes the key, whose
     *     id identifies a person for a border registration
     */
    public static DedupKey parse(String key) {
      int kindEnd = key.indexOf(':');
      int lengthEnd = kindEnd < 0 ? -1 : key.indexOf(':', kindEnd + 1);
      if (lengthEnd < 0) {
        throw new IllegalArgumentException("a deduplication key of " + key.length()
            + " characters is not KIND:length:point:id");
      }
      SourceKind kind;
      int length;
      try {
        kind = SourceKind.valueOf(key.substring(0, kindEnd));
        length = Integer.parseInt(key.substring(kindEnd + 1, lengthEnd));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a deduplication key of " + key.length()
            + " characters has no source kind or point code length before its point code", e);
      }
      int pointEnd = lengthEnd + 1 + length;
      if (length <= 0 || pointEnd >= key.length() || key.charAt(pointEnd) != ':') {
        throw new IllegalArgumentException("a deduplication key of " + kind + " (" + key.length()
            + " characters) has no point code of " + length + " characters followed by ':' and an id");
      }
      return new DedupKey(kind, key.substring(lengthEnd + 1, pointEnd), key.substring(pointEnd + 1));
    }

    /** The key as drop-duplicates built it. */
    public String format() {
      return kind.name() + ':' + pointCode.length() + ':' + pointCode + ':' + recordId;
    }
  }

  /**
   * The hour (since the epoch) of the record whose deduplication state drop-duplicates forgets at {@code forgetAt}:
   * it registered {@code hourStart + 1 h - 1 ms + allowedLateness} (RecordRules.forgetAt of the record's time).
   *
   * @throws IllegalArgumentException when the timer is not at that offset from an hour for this lateness: the
   *     savepoint was taken with another allowed lateness, and the ids would land in the wrong hours
   */
  public static long hourOfForgetTimer(long forgetAt, Duration allowedLateness) {
    long hourEnd = forgetAt - allowedLateness.toMillis() + 1;
    if (Math.floorMod(hourEnd, HOUR) != 0) {
      throw new IllegalArgumentException("a deduplication timer of the savepoint is not an hour's end plus the allowed"
          + " lateness " + allowedLateness + ": migrate with the window.allowed-lateness the 0.6.0 job ran with");
    }
    return Math.floorDiv(hourEnd, HOUR) - 1;
  }

  /** The one timer drop-duplicates registered for a key (when it first saw the id). */
  public static long forgetTimer(Set<Long> eventTimeTimers) {
    if (eventTimeTimers.size() != 1) {
      throw new IllegalArgumentException("a deduplication id of the savepoint has " + eventTimeTimers.size()
          + " event-time timers instead of 1");
    }
    return eventTimeTimers.iterator().next();
  }

  /**
   * Whether the old window operator still had the window's end-of-window timer ({@code maxTimestamp}), i.e. the
   * window waits for the watermark to reach its end. The key's timers are those of all its windows: each window's
   * end timer until it fires, and its clean-up timer at {@code maxTimestamp + allowedLateness}. A clean-up timer of
   * an earlier window at the same instant would have fired with this window's end, so it cannot stand for it.
   */
  public static boolean awaitsClose(long windowMaxTimestamp, Set<Long> keyEventTimeTimers) {
    return keyEventTimeTimers.contains(windowMaxTimestamp);
  }

  /**
   * Checks that the window operator cleans the window up when the migrated bucket is forgotten: its clean-up timer is
   * at {@code maxTimestamp + allowedLateness}. (With no lateness the two timers are one.)
   *
   * @throws IllegalArgumentException when it is not: the 0.6.0 job ran with another allowed lateness
   */
  public static void checkCleanupTimer(long windowMaxTimestamp, Set<Long> keyEventTimeTimers,
      Duration allowedLateness) {
    if (!keyEventTimeTimers.contains(windowMaxTimestamp + allowedLateness.toMillis())) {
      throw new IllegalArgumentException("an hourly window of the savepoint has no clean-up timer at its end plus the"
          + " allowed lateness " + allowedLateness + ": migrate with the window.allowed-lateness the 0.6.0 job ran"
          + " with");
    }
  }
}
