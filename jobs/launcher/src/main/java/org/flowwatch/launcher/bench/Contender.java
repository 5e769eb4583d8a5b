package org.flowwatch.launcher.bench;

/**
 * One way of doing the benchmark's work over a topic of border crossings, measured side by side with the others in the
 * same run ({@link ThroughputBench}).
 */
public interface Contender {
  /** Short name, the key of its figures in the JSON report: raw, flowwatch, flink-sql, kafka-streams. */
  String key();

  /** What it is, for the summary lines. */
  String description();

  /**
   * Processes every one of the {@code events} crossings in {@code topic} (zero for the empty topic that measures
   * start-up and shut-down) and returns the milliseconds it took, start-up and shut-down included. {@code runName}
   * is unique per call: use it for every output topic, index, consumer group or application id.
   */
  long run(String topic, long events, String runName) throws Exception;
}
