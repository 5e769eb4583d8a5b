package org.flowwatch.testing.savepoints;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What a job's savepoint holds and how its run continues: a fixed input cut in two halves. A release's savepoint is
 * taken after the first half; a restore reads the second half on top of it. The input must be written the same way
 * every time (the same records in the same partitions), because the savepoint's source state holds offsets.
 */
public interface SavepointScenario {
  /** The job's folder in each release of the history, e.g. flow-aggregation. */
  String job();

  /**
   * Deletes the job's topics and creates them again, empty. Their names are fixed (a savepoint's source state names
   * its topic-partitions), so an earlier run on the same broker must not leave records behind.
   */
  void recreateTopics();

  void writeFirstHalf() throws Exception;

  void writeSecondHalf() throws Exception;

  /** Defines the job with its real connectors on {@code env}, configured as its main configures it, for {@code run}. */
  void define(StreamExecutionEnvironment env, SavepointRun run);

  /** Each consumer group of {@code run} and the topics it reads: once it has committed their ends, the input is read. */
  Map<String, List<String>> inputs(SavepointRun run);

  /**
   * Whether {@code run} has written (and committed) all the output it owes for the input written so far: when it is
   * {@code restored}, what comes after the cut; else the first half's. The harness waits for it besides the input
   * being read, before it stops the run. Only a job whose output waits on processing-time timers needs it, since
   * neither a savepoint nor a drain fires them; a drain fires event-time windows and timers, so other jobs keep the
   * default.
   */
  default boolean wroteOutput(SavepointRun run, boolean restored) throws Exception {
    return true;
  }
}
