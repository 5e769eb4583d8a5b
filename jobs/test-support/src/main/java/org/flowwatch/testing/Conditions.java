package org.flowwatch.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting in tests on a condition, never on time alone. */
public final class Conditions {
  private Conditions() {}

  /**
   * Polls until {@code holds} is true; only a condition still not true at the deadline fails the test. A check that
   * throws counts as "not yet": on a busy machine Elasticsearch answers 503 (no shard available) to a search reaching
   * an index a job has just created, before its shard has started. The last failure is the cause of the error.
   */
  public static void await(String condition, Duration deadline, Duration interval, Callable<Boolean> holds)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    Exception lastFailure = null;
    while (true) {
      try {
        if (holds.call()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastFailure = e;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("still not true after " + deadline + ": " + condition, lastFailure);
      }
      Thread.sleep(interval.toMillis()); // polling interval, not a synchronisation
    }
  }
}
