package org.flowwatch.jobs.common.elasticsearch;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * External versions of documents with revisions: the sink writer's epoch in the high bits, the document's revision in
 * the low bits.
 *
 * <p>Why not the revision alone: after a restart from a checkpoint, a job recounts what it had processed since that
 * checkpoint, and the revisions it gives the same documents need not match the ones it wrote before the failure. A
 * revision counts firings, and how many a replay fires depends on the watermark: records that arrived late one by one
 * before the failure (each a new revision) are replayed while the restarted watermark is still behind, and fire once.
 * Elasticsearch would then keep the pre-failure revision with a partial count and refuse the replay's complete but
 * lower revision as stale. Kafka does not see this (transactions of the failed attempt are aborted); Elasticsearch
 * writes cannot be taken back. With the epoch first, whatever a writer writes wins over everything an earlier writer
 * of the same subtask wrote, and within one writer the higher revision wins whatever the order of bulks.
 *
 * <p>An epoch is the time the writer started, in {@value #EPOCH_UNIT_MILLIS} ms units since {@link #ORIGIN}, and
 * strictly greater than any epoch handed out before in this JVM (two starts within one unit, or a clock set back).
 * Across machines it relies on their clocks being closer than the life of a failed writer. A document id is always
 * written by the one subtask that owns its key, so epochs of different subtasks are never compared.
 */
public final class WriterEpochs {
  static final int REVISION_BITS = 23;
  /** Revisions above this share the top version of their epoch (external_gte accepts an equal version). */
  static final long MAX_REVISION = (1L << REVISION_BITS) - 1;
  static final long EPOCH_UNIT_MILLIS = 10;
  /**
   * Epochs fit in the 40 bits above the revision (about 348 years from the origin), one short of them so that the top
   * version stays below {@code Long.MAX_VALUE}, which Elasticsearch does not take as a version.
   */
  static final long MAX_EPOCH = (1L << (Long.SIZE - 1 - REVISION_BITS)) - 2;
  static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");

  private static final AtomicLong LAST = new AtomicLong();

  private WriterEpochs() {}

  /** A new epoch for a writer starting now. */
  public static long next(Clock clock) {
    long now = Math.max(1, (clock.millis() - ORIGIN.toEpochMilli()) / EPOCH_UNIT_MILLIS);
    long epoch = LAST.updateAndGet(last -> Math.max(last + 1, now));
    if (epoch > MAX_EPOCH) {
      throw new IllegalStateException("the clock is past the last writer epoch (" + clock.instant() + ")");
    }
    return epoch;
  }

  /** The external version of {@code revision} written by a writer of {@code epoch}. */
  public static long externalVersion(long epoch, long revision) {
    if (epoch < 1 || epoch > MAX_EPOCH) {
      throw new IllegalArgumentException("a writer epoch is between 1 and " + MAX_EPOCH + ", was " + epoch);
    }
    if (revision < 0) {
      throw new IllegalArgumentException("a revision is at least 0, was " + revision);
    }
    return epoch << REVISION_BITS | Math.min(revision, MAX_REVISION);
  }
}
