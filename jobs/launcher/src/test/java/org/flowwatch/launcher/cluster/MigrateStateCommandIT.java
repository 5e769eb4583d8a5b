package org.flowwatch.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowwatch.launcher.CommandRun;
import org.flowwatch.testing.savepoints.SavepointHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./flowwatch migrate-state} on the history's 0.6.0 savepoint of the flow aggregation job, in the launcher's own
 * MiniCluster. (StateMigration060IT reads the result back; SavepointRestoreIT of the job restores it.)
 */
class MigrateStateCommandIT {
  @Test
  void migratesTheFlowAggregationSavepointOf060AndSaysHowToDeployFromIt(@TempDir Path directory) throws Exception {
    Path saved = SavepointHistory.savepoint("0.6.0", "flow-aggregation");
    Path target = directory.resolve("migrated");
    long savedFiles;
    try (var files = Files.list(saved)) {
      savedFiles = files.count();
    }

    CommandRun run = CommandRun.of("migrate-state", "flow-aggregation", "--from-savepoint", saved.toUri().toString(),
        "--to", target.toString(), "--window.allowed-lateness", "3 d");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("migrated 0.6.0 state into " + target + ": 12 monitoring points, ")
        .contains("./flowwatch deploy flow-aggregation --from-savepoint " + target.toUri());
    assertThat(target.resolve("_metadata")).isRegularFile();
    try (var files = Files.list(saved)) {
      assertThat(files.count()).as("the history's savepoint is only read").isEqualTo(savedFiles);
    }
  }
}
