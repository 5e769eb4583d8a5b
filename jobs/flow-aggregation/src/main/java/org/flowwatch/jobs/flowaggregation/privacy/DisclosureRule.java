package org.flowwatch.jobs.flowaggregation.privacy;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The one statistical disclosure control rule of every published count (docs/privacy/disclosure-control.md):
 * <ol>
 *   <li>suppression: a nationality cell with fewer travellers than the minimum cell size is not shown on its own;</li>
 *   <li>unbiased random rounding to base {@value #BASE}: a count that is not a multiple of the base is rounded up with
 *   probability (remainder / base), else down. The draw is not random but keyed: an HMAC of the cell, the count's name
 *   and its true value. The same count of the same cell therefore always publishes the same value, across revisions
 *   and replays, so publishing it again tells nothing new; a changed true value gets a fresh, independent draw.</li>
 * </ol>
 */
public final class DisclosureRule implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int BASE = 5;
  /** A cell of one person is identifying by definition: the minimum must hide at least singletons. */
  public static final int SMALLEST_MINIMUM_CELL_SIZE = 2;

  private final int minimumCellSize;
  private final PrivacyKey key;

  public DisclosureRule(int minimumCellSize, PrivacyKey key) {
    if (minimumCellSize < SMALLEST_MINIMUM_CELL_SIZE) {
      throw new IllegalArgumentException("the minimum cell size must be at least " + SMALLEST_MINIMUM_CELL_SIZE
          + ", was " + minimumCellSize);
    }
    this.minimumCellSize = minimumCellSize;
    this.key = key;
  }

  /** Whether a nationality cell of this many travellers may be shown on its own (else it joins OTHER). */
  public boolean showsOnItsOwn(long travellers) {
    return travellers >= minimumCellSize;
  }

  /**
   * @param cell identifies the published cell (its dimensions and window, not its revision)
   * @param countName which count of the cell (travellers, men, a transport mode...)
   */
  public long round(String cell, String countName, long count) {
    long remainder = Math.floorMod(count, BASE);
    if (remainder == 0) {
      return count;
    }
    long down = count - remainder;
    return uniform(cell + '\u0000' + countName + '\u0000' + count) * BASE < remainder ? down + BASE : down;
  }

  /** A number in [0, 1) drawn from the keyed hash of {@code message}. */
  private double uniform(String message) {
    long bits = ByteBuffer.wrap(key.hmac(message)).getLong() >>> 11; // 53 bits, a double's precision
    return bits / (double) (1L << 53);
  }
}
