package org.flowwatch.testing.savepoints;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test every stateful job's SavepointRestoreIT inherits: the current code restores the savepoint of each release
 * in state/history and then writes exactly what one uninterrupted run over the whole input writes, at the parallelism
 * the savepoint was taken at and at others (keyed state moves by key group; the maximum parallelism is fixed).
 *
 * <p>With {@code -Dflowwatch.freeze-savepoint=<release>} it instead takes that release's savepoint of the job (the
 * generator; state/history/README.md). The subclass registers the MiniCluster (at least 3 slots) and the real servers.
 */
public abstract class SavepointRestoreContract {
  /** Every release's savepoint is taken at this parallelism. */
  public static final int FROZEN_PARALLELISM = 2;
  private static final String FREEZE = "flowwatch.freeze-savepoint";

  protected abstract SavepointScenario scenario();

  /** The job's environment configuration, as its main passes it. */
  protected abstract Configuration jobConfiguration();

  /**
   * The savepoint the current code restores for {@code release}: the history's own ({@code saved}), unless the job
   * left that release's state layout behind, in which case the subclass returns what the job's offline state migration
   * makes of it (docs/operations/savepoint-history.md). The history's folder itself is never changed.
   */
  protected Path restorable(String release, Path saved) throws Exception {
    return saved;
  }

  /** Asserts that what {@code run} wrote is exactly what an uninterrupted run over both halves writes after the first. */
  protected abstract void assertExactOutcome(SavepointRun run) throws Exception;

  static Stream<Arguments> releasesAndParallelisms() {
    return SavepointHistory.releases().stream().flatMap(release -> Stream.of(FROZEN_PARALLELISM, 1, 3)
        .map(parallelism -> Arguments.of(release, parallelism)));
  }

  @ParameterizedTest(name = "the savepoint of {0} restored at parallelism {1}")
  @MethodSource("releasesAndParallelisms")
  void restoresAReleasesSavepointAndContinuesExactly(String release, int parallelism) throws Exception {
    SavepointScenario scenario = scenario();
    SavepointRun run = SavepointRuns.restore(scenario, jobConfiguration(),
        restorable(release, SavepointHistory.savepoint(release, scenario.job())), parallelism);
    assertExactOutcome(run);
  }

  @Test
  @EnabledIfSystemProperty(named = FREEZE, matches = "\\d+\\.\\d+\\.\\d+")
  void freezeTheReleasesSavepoint() throws Exception {
    String release = System.getProperty(FREEZE);
    System.out.println("froze " + SavepointRuns.freeze(scenario(), jobConfiguration(), release, FROZEN_PARALLELISM));
  }
}
