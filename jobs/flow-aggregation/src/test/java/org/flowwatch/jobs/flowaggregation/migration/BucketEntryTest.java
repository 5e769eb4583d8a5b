package org.flowwatch.jobs.flowaggregation.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.HourBucket;
import org.flowwatch.jobs.flowaggregation.model.HourlyCell;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.Nationalities;
import org.flowwatch.jobs.flowaggregation.model.RecordIds;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SourceKind;
import org.junit.jupiter.api.Test;

class BucketEntryTest {
  private static final Duration LATENESS = Duration.ofDays(3);
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(1), LATENESS);
  private static final long NOON = Instant.parse("2024-03-04T12:00:00Z").toEpochMilli();
  private static final TimeWindow NOON_HOUR = new TimeWindow(NOON, NOON + 3_600_000L);
  private static final long NOON_CLEANUP = NOON_HOUR.maxTimestamp() + LATENESS.toMillis();

  @Test
  void anIdGoesToTheBucketOfItsKindPointAndHourWithItsCopies() {
    long eventTime = NOON + 1_234_567L;
    String key = DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "crossing-7");

    BucketEntry entry = BucketEntry.id(key, 3, Set.of(RULES.forgetAt(eventTime)), LATENESS);

    assertThat(entry.isId()).isTrue();
    assertThat(entry.bucket)
        .isEqualTo(new HourBucket(SourceKind.BORDER_CROSSING.ordinal(), "NE-MAG", NOON / 3_600_000L));
    assertThat(entry.bucket.hour).isEqualTo(Math.floorDiv(eventTime, 3_600_000L));
    assertThat(entry.recordFingerprint).isEqualTo(RecordIds.fingerprint("crossing-7"));
    assertThat(entry.copies).isEqualTo(3);
    assertThat(entry.cell).isNull();
  }

  @Test
  void aWindowBecomesTheCellOfItsBucketWithTheSameCountsRouteAndRevision() {
    FlowCounts counts = counts();
    FlowKey key = new FlowKey("NE-AGZ", "OUTGOING", "NGA", "FLOW_MONITORING", "AGADEZ-LIBYA");

    BucketEntry entry = BucketEntry.cell(key, NOON_HOUR, counts, 2, Set.of(NOON_CLEANUP), LATENESS);

    assertThat(entry.isId()).isFalse();
    assertThat(entry.bucket)
        .isEqualTo(new HourBucket(SourceKind.FLOW_MONITORING.ordinal(), "NE-AGZ", NOON / 3_600_000L));
    HourlyCell cell = entry.cell;
    assertThat(cell.direction).isEqualTo((byte) Direction.OUTGOING.ordinal());
    assertThat(Nationalities.unpack(cell.nationality)).isEqualTo("NGA");
    assertThat(cell.route).isEqualTo("AGADEZ-LIBYA");
    assertThat(cell.counts).isSameAs(counts);
    assertThat(cell.revision).isEqualTo(2);
    assertThat(entry.cellKey).isEqualTo(HourlyCell.key(cell.direction, cell.nationality, "AGADEZ-LIBYA"));
    assertThat(entry.awaitsClose).as("fired, end timer gone").isFalse();
  }

  @Test
  void aWindowThatNeverFiredAwaitsItsCloseWithRevisionZero() {
    FlowKey key = new FlowKey("NE-MAG", "INCOMING", "NER", "BORDER_CROSSING", null);

    BucketEntry entry = BucketEntry.cell(key, NOON_HOUR, counts(), null,
        Set.of(NOON_HOUR.maxTimestamp(), NOON_CLEANUP), LATENESS);

    assertThat(entry.cell.revision).isZero();
    assertThat(entry.awaitsClose).isTrue();
    assertThat(entry.cell.route).isNull();
    assertThat(entry.cellKey).isEqualTo(HourlyCell.key((byte) Direction.INCOMING.ordinal(), Nationalities.pack("NER"),
        null));
    assertThat(entry.bucket.sourceKind).isEqualTo(SourceKind.BORDER_CROSSING.ordinal());
  }

  @Test
  void aFiredWindowWhoseEndTimerIsBackFiresAgainAndOneWithoutEitherIsClosedWhenTheWatermarkComes() {
    FlowKey key = new FlowKey("NE-AGZ", "OUTGOING", "NGA", "FLOW_MONITORING", null);

    // Fired, then (after a restore of 0.6.0, watermark back at its start) a late record: the end timer again.
    assertThat(BucketEntry.cell(key, NOON_HOUR, counts(), 1, Set.of(NOON_HOUR.maxTimestamp(), NOON_CLEANUP), LATENESS)
        .awaitsClose).isTrue();
    // Never fired and no end timer: cannot happen in 0.6.0; the cell is closed rather than never emitted.
    assertThat(BucketEntry.cell(key, NOON_HOUR, counts(), null, Set.of(NOON_CLEANUP), LATENESS).awaitsClose).isTrue();
    // Another window's clean-up timer of the key does not count for this window's end.
    assertThat(BucketEntry.cell(key, NOON_HOUR, counts(), 1,
        Set.of(NOON_CLEANUP, NOON_HOUR.maxTimestamp() + 3_600_000L), LATENESS).awaitsClose).isFalse();
  }

  @Test
  void aWindowWithoutItsCleanUpTimerAtTheAllowedLatenessIsRefused() {
    FlowKey key = new FlowKey("NE-AGZ", "OUTGOING", "NGA", "FLOW_MONITORING", null);

    assertThatThrownBy(() -> BucketEntry.cell(key, NOON_HOUR, counts(), 1, Set.of(NOON_CLEANUP), Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed lateness PT48H");
    assertThatThrownBy(() -> BucketEntry.cell(key, new TimeWindow(NOON, NOON + 86_400_000L), counts(), 1,
        Set.of(NOON_CLEANUP), LATENESS)).hasMessageContaining("not a UTC hour");
    FlowKey badNationality = new FlowKey("NE-AGZ", "OUTGOING", "NIGERIA", "FLOW_MONITORING", null);
    assertThatThrownBy(() -> BucketEntry.cell(badNationality, NOON_HOUR, counts(), 1, Set.of(NOON_CLEANUP), LATENESS))
        .hasMessageContaining("three-letter");
  }

  private static FlowCounts counts() {
    Movement movement = new Movement();
    movement.men = 3;
    movement.women = 2;
    movement.childrenUnder5 = 1;
    movement.transportMode = "TRUCK";
    movement.adminRegion = "Agadez";
    movement.latitude = 16.97;
    movement.longitude = 7.99;
    return new FlowCounts().add(movement);
  }
}
