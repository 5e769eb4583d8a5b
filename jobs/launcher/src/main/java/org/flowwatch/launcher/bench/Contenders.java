package org.flowwatch.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.StateBackendKind;

/** The contenders of the throughput measurement. */
public final class Contenders {
  private Contenders() {}

  /** The ceiling and flowwatch's own job. */
  public static List<Contender> flowwatch(BenchRun run) {
    return flowwatch(run, false);
  }

  /**
   * The ceiling and flowwatch's own job, and with {@code rocksdb} the same job on the RocksDB state backend
   * (option state.backend rocksdb: incremental checkpoints), key flowwatch-rocksdb.
   */
  public static List<Contender> flowwatch(BenchRun run, boolean rocksdb) {
    List<Contender> contenders = new ArrayList<>(List.of(new RawConsumeAndDecode(run),
        new FlowwatchEndToEnd(run, "flowwatch", new Configuration())));
    if (rocksdb) {
      Configuration overrides = new Configuration();
      overrides.set(CommonOptions.STATE_BACKEND, StateBackendKind.ROCKSDB);
      contenders.add(new FlowwatchEndToEnd(run, "flowwatch-rocksdb", overrides));
    }
    return List.copyOf(contenders);
  }

  /** The same work done with other stream processors: Flink SQL and Kafka Streams. */
  public static List<Contender> peers(BenchRun run) {
    return List.of(new FlinkSqlPeer(run), new KafkaStreamsPeer(run));
  }

  /**
   * The checkpointed state of each flowwatch contender's last measured run ({@code state.checkpoint-size.KEY}), and the
   * RocksDB contender's throughput against the heap backend's.
   */
  public static void reportState(BenchReport report, List<Contender> contenders, java.util.Map<String, Double> medians) {
    for (Contender contender : contenders) {
      if (contender instanceof FlowwatchEndToEnd job && job.largestCheckpointBytes() >= 0) {
        report.figure("state.checkpoint-size." + job.key(), job.largestCheckpointBytes() / (1024.0 * 1024.0), "MB",
            null, "largest size of the checkpoint directory, sampled every second during the last measured run "
                + "(retained checkpoints, 1 by default, plus one in progress; incremental ones count the shared SST "
                + "files they reference)");
      }
    }
    Double heap = medians.get("flowwatch");
    Double rocksdb = medians.get("flowwatch-rocksdb");
    if (heap != null && rocksdb != null) {
      report.figure("ratio.flowwatch-rocksdb-to-flowwatch", 100 * rocksdb / heap, "%", null,
          "throughput on RocksDB (incremental checkpoints) against the heap backend, same run and topic");
    }
  }
}
