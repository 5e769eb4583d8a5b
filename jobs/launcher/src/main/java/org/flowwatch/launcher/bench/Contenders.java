package org.flowwatch.launcher.bench;

import java.util.List;
import org.apache.flink.configuration.Configuration;

/** The contenders of the throughput measurement. */
public final class Contenders {
  private Contenders() {}

  /** The ceiling and flowwatch's own job. */
  public static List<Contender> flowwatch(BenchRun run) {
    return List.of(new RawConsumeAndDecode(run), new FlowwatchEndToEnd(run, "flowwatch", new Configuration()));
  }

  /** The same work done with other stream processors: Flink SQL and Kafka Streams. */
  public static List<Contender> peers(BenchRun run) {
    return List.of(new FlinkSqlPeer(run), new KafkaStreamsPeer(run));
  }
}
