package org.flowwatch.jobs.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a job keeps its keyed state ({@link CommonOptions#STATE_BACKEND}): on the JVM heap, or in embedded RocksDB
 * (or ForSt) on local disk, whose checkpoints are incremental (only the files written since the last checkpoint are
 * uploaded).
 */
public enum StateBackendKind {
  /** Java objects on the TaskManager's heap: fastest access; state must fit in memory; full checkpoints. */
  HASHMAP("hashmap", false),
  /** Embedded RocksDB on local disk: state larger than memory, serialised on every access; incremental checkpoints. */
  ROCKSDB("rocksdb", true),
  /**
   * ForSt, Flink 2's fork of RocksDB that can keep its files on remote storage (disaggregated state); here on local
   * disk like RocksDB; incremental checkpoints.
   */
  FORST("forst", true);

  private final String flinkName;
  private final boolean incremental;

  StateBackendKind(String flinkName, boolean incremental) {
    this.flinkName = flinkName;
    this.incremental = incremental;
  }

  /** The value of Flink's {@code state.backend.type}. */
  public String flinkName() {
    return flinkName;
  }

  /** The value of Flink's {@code execution.checkpointing.incremental} that goes with this backend. */
  public boolean incrementalCheckpoints() {
    return incremental;
  }

  /** The values the option accepts, as a user writes them: "hashmap, rocksdb, forst". */
  public static String allowedValues() {
    return Arrays.stream(values()).map(StateBackendKind::flinkName).collect(Collectors.joining(", "));
  }

  /** The backend named {@code value} (case and surrounding blanks ignored), if any. */
  public static Optional<StateBackendKind> parse(String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(kind -> kind.flinkName.equals(name)).findFirst();
  }

  /** Lower case, as Flink's {@code state.backend.type} and the option spell it. */
  @Override
  public String toString() {
    return flinkName;
  }
}
