package org.flowwatch.jobs.flowaggregation.migration;

import java.time.Duration;
import java.util.Set;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.HourlyCell;
import org.flowwatch.jobs.flowaggregation.model.Nationalities;
import org.flowwatch.jobs.flowaggregation.model.RecordIds;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SourceKind;

/**
 * One piece of 0.6.0 state on its way into the {@link HourBucket} of hourly-point-flows: either a record id of
 * drop-duplicates with its copies ({@link #cell} null) or an hourly window of hourly-flows as the bucket's cell. A POJO
 * for Flink.
 */
public final class BucketEntry {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  public HourBucket bucket;
  /** For an id: the record id within the bucket (its kind and point are the bucket's) as the job keeps it. */
  public long recordFingerprint;
  /** Copies of the id seen so far (1: no resend yet). */
  public int copies;
  /** Set for a cell: its key within the bucket ({@link HourlyCell#key}). */
  public String cellKey;
  public HourlyCell cell;
  /** For a cell: its hour has not been closed yet (the old window still waited for its end timer). */
  public boolean awaitsClose;

  public BucketEntry() {}

  public boolean isId() {
    return cell == null;
  }

  /**
   * The record id behind a drop-duplicates key, in the bucket of its record's hour, which follows from the key's one
   * timer ({@link Layout060#hourOfForgetTimer}), as the job keys it: its {@link RecordIds#fingerprint}.
   */
  public static BucketEntry id(String dedupKey, int copies, Set<Long> eventTimeTimers, Duration allowedLateness) {
    Layout060.DedupKey key = Layout060.DedupKey.parse(dedupKey);
    long hour = Layout060.hourOfForgetTimer(Layout060.forgetTimer(eventTimeTimers), allowedLateness);
    BucketEntry entry = new BucketEntry();
    entry.bucket = new HourBucket(key.kind().ordinal(), key.pointCode(), hour);
    entry.recordFingerprint = RecordIds.fingerprint(key.recordId());
    entry.copies = copies;
    return entry;
  }

  /**
   * An hourly window of hourly-flows as the cell of its bucket: same counts and route, revision the revisions the
   * window emitted (0 when it never fired), nationality packed, direction by ordinal.
   *
   * @param revision the window's revision state, null when it never fired
   * @param keyEventTimeTimers the old window operator's event-time timers of {@code key} (all its windows)
   */
  public static BucketEntry cell(FlowKey key, TimeWindow window, FlowCounts counts, Integer revision,
      Set<Long> keyEventTimeTimers, Duration allowedLateness) {
    if (window.getEnd() - window.getStart() != HOUR || Math.floorMod(window.getStart(), HOUR) != 0) {
      throw new IllegalArgumentException("a window of hourly-flows is not a UTC hour: " + window);
    }
    Layout060.checkCleanupTimer(window.maxTimestamp(), keyEventTimeTimers, allowedLateness);
    byte direction = (byte) Direction.valueOf(key.direction).ordinal();
    int nationality = Nationalities.pack(key.nationality);
    HourlyCell cell = new HourlyCell(direction, nationality, key.route);
    cell.counts = counts;
    cell.revision = revision == null ? 0 : revision;
    BucketEntry entry = new BucketEntry();
    entry.bucket = new HourBucket(SourceKind.valueOf(key.sourceKind).ordinal(), key.pointCode,
        Math.floorDiv(window.getStart(), HOUR));
    entry.cellKey = HourlyCell.key(direction, nationality, key.route);
    entry.cell = cell;
    // A window that never fired always has its end timer; one that fired and then took a record after a restore
    // (watermark back at its start) has it again and fires again, as the cell will.
    entry.awaitsClose = Layout060.awaitsClose(window.maxTimestamp(), keyEventTimeTimers) || cell.revision == 0;
    // Only a window that would fire again in 0.6.0 is emitted again when its bucket closes.
    cell.pending = entry.awaitsClose;
    return entry;
  }
}
