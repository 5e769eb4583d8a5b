package org.flowwatch.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowwatch.launcher.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What migrate-state refuses before it reads any state. (MigrateStateCommandIT runs a migration.) */
class MigrateStateCommandTest {
  @Test
  void onlyTheFlowAggregationJobHasAMigration() {
    CommandRun run = CommandRun.of("migrate-state", "surge-detection", "--from-savepoint", "/a", "--to", "/b");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("surge-detection has no state migration");
  }

  @Test
  void bothDirectoriesAreRequired() {
    CommandRun run = CommandRun.of("migrate-state", "flow-aggregation", "--from-savepoint", "/a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--to");
  }

  @Test
  void aDirectoryWithoutASavepointIsRefused(@TempDir Path empty) {
    CommandRun run = CommandRun.of("migrate-state", "flow-aggregation", "--from-savepoint", empty.toString(),
        "--to", empty.resolve("migrated").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no savepoint in " + empty);
    assertThat(Files.exists(empty.resolve("migrated"))).isFalse();
  }

  @Test
  void aWrongJobOptionIsNamed(@TempDir Path empty) {
    CommandRun run = CommandRun.of("migrate-state", "flow-aggregation", "--from-savepoint", empty.toString(),
        "--to", empty.resolve("migrated").toString(), "--window.allowed-lateness", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("window.allowed-lateness");
  }

  @Test
  void savepointsAreLocalDirectories() {
    assertThat(MigrateStateCommand.local("file:///var/tmp/sp", "--to")).isEqualTo(Path.of("/var/tmp/sp"));
    assertThat(MigrateStateCommand.local("relative/sp", "--to")).isEqualTo(Path.of("relative/sp"));
    assertThatThrownBy(() -> MigrateStateCommand.local("s3://bucket/sp", "--from-savepoint"))
        .hasMessageContaining("--from-savepoint must be a local directory");
  }
}
