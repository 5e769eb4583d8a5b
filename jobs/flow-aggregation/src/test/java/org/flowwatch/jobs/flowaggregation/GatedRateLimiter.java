package org.flowwatch.jobs.flowaggregation;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * Lets a generator source emit its first {@code openRecords} records at once and holds the rest until a condition
 * on the job's output holds (e.g. "the day's aggregate was emitted", which proves the watermark passed it). The source
 * waits asynchronously, so its watermarks keep flowing. This puts records behind the watermark by a fact, not a sleep.
 */
final class GatedRateLimiter implements RateLimiterStrategy<SourceSplit> {
  private static final long serialVersionUID = 1L;
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  /** A condition a test can ship to the source (the MiniCluster runs in the test's JVM). */
  interface Gate extends BooleanSupplier, Serializable {}

  private final long openRecords;
  private final Gate gate;

  GatedRateLimiter(long openRecords, Gate gate) {
    this.openRecords = openRecords;
    this.gate = gate;
  }

  @Override
  public RateLimiter<SourceSplit> createRateLimiter(int parallelism) {
    return new RateLimiter<>() {
      private long granted;
      private CompletableFuture<Void> opened;

      @Override
      public CompletionStage<Void> acquire(int requestSize) {
        granted += requestSize;
        if (granted <= openRecords) {
          return CompletableFuture.completedFuture(null);
        }
        if (opened == null) {
          opened = CompletableFuture.runAsync(GatedRateLimiter.this::awaitGate);
        }
        return opened;
      }
    };
  }

  private void awaitGate() {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!gate.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the gate's condition did not hold within " + DEADLINE);
      }
      try {
        Thread.sleep(20); // polling interval of a condition, not a wait for an outcome
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
