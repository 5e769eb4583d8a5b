package org.flowwatch.testing.savepoints;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.StateDirectory;

/**
 * Takes a release's savepoint of a job and restores it, on the MiniCluster of the calling test and between the test
 * run's own Kafka broker and Elasticsearch server. Each run waits on conditions (its consumer groups committed the ends
 * of its input topics, and its output holds what the scenario expects by then), never on elapsed time.
 */
public final class SavepointRuns {
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private SavepointRuns() {}

  /**
   * Runs the job over the first half of the input at {@code parallelism} and stops it with a canonical savepoint
   * (without draining: windows and timers stay open, as in an upgrade) that replaces {@code job}'s in
   * {@code release}.
   */
  public static Path freeze(SavepointScenario scenario, Configuration jobConfiguration, String release,
      int parallelism) throws Exception {
    scenario.recreateTopics();
    scenario.writeFirstHalf();
    SavepointRun run = SavepointRun.create(scenario.job(), parallelism);
    JobClient job = start(scenario, jobConfiguration, run, null);
    awaitRead(scenario, run, job, false);
    Path target = SavepointHistory.savepoint(release, scenario.job());
    Path taken = stop(job, false);
    if (Files.exists(target)) {
      StateDirectory.delete(target);
    }
    Files.createDirectories(target.getParent());
    Files.move(taken, target);
    StateDirectory.delete(taken.getParent());
    return target;
  }

  /**
   * Writes both halves of the input to freshly created topics, starts the job from {@code savepoint} at
   * {@code parallelism} (without allowNonRestoredState: state of a uid the job no longer has fails the start), waits
   * until it has read everything (and written what the scenario says it owes) and stops it with a drain, which fires
   * every event-time window and timer and commits the last transactions, as the end of a bounded run does. The caller
   * then reads what the run wrote.
   */
  public static SavepointRun restore(SavepointScenario scenario, Configuration jobConfiguration, Path savepoint,
      int parallelism) throws Exception {
    if (!Files.isRegularFile(savepoint.resolve("_metadata"))) {
      throw new AssertionError("no savepoint in " + savepoint + " (state/history/README.md says how to take one)");
    }
    scenario.recreateTopics();
    scenario.writeFirstHalf();
    scenario.writeSecondHalf();
    SavepointRun run = SavepointRun.create(scenario.job(), parallelism);
    JobClient job = start(scenario, jobConfiguration, run, savepoint);
    awaitRead(scenario, run, job, true);
    StateDirectory.delete(stop(job, true).getParent());
    return run;
  }

  private static JobClient start(SavepointScenario scenario, Configuration jobConfiguration, SavepointRun run,
      Path savepoint) throws Exception {
    Configuration configuration = new Configuration(jobConfiguration);
    // The heap backend keeps the savepoints small; canonical savepoints restore into any backend.
    configuration.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    if (savepoint != null) {
      configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
      configuration.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    scenario.define(env, run);
    return env.executeAsync(scenario.job() + " savepoint run " + run.id());
  }

  /**
   * Waits until every consumer group of the run committed the end of each of its topics (a checkpoint covers it) and
   * the scenario says the run wrote the output it owes ({@link SavepointScenario#wroteOutput}).
   */
  private static void awaitRead(SavepointScenario scenario, SavepointRun run, JobClient job, boolean restored)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Map<String, List<String>> inputs = scenario.inputs(run);
    while (!CommittedOffsets.atEnd(RealKafka.bootstrapServers(), inputs) || !scenario.wroteOutput(run, restored)) {
      if (job.getJobStatus().get(30, TimeUnit.SECONDS).isTerminalState()) {
        job.getJobExecutionResult().get(30, TimeUnit.SECONDS); // throws the failure that ended it
        throw new AssertionError("the job ended before it had read its input");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the job had not read its input " + inputs + " or written the output it owes after "
            + DEADLINE);
      }
      Thread.sleep(250); // polling interval, not a synchronisation
    }
  }

  /** Stops the job with a canonical savepoint in a new directory; returns the savepoint's own directory in it. */
  private static Path stop(JobClient job, boolean drain) throws Exception {
    Path directory = StateDirectory.create("savepoint");
    String location = job.stopWithSavepoint(drain, directory.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    return Path.of(URI.create(location));
  }

}
