package org.flowwatch.jobs.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.junit.jupiter.api.Test;

/** Checkpoints are bounded explicitly and can never outlast the Kafka transactions they commit. */
class CheckpointSettingsTest {

  private static CheckpointSettings from(Map<String, String> options) {
    return CheckpointSettings.from(Configuration.fromMap(options));
  }

  @Test
  void shouldHaveDefaultsThatKeepTransactionsBelowTheirTimeout() {
    CheckpointSettings defaults = from(Map.of());

    assertThat(defaults).isEqualTo(new CheckpointSettings(Duration.ofSeconds(30), Duration.ofMinutes(1), 5));
    assertThat(defaults.longestOpenTransaction()).isLessThan(ExactlyOnceKafkaSinks.TRANSACTION_TIMEOUT);
  }

  @Test
  void shouldRefuseAnIntervalThatOutlastsTheTransactionTimeoutNamingTheOption() {
    assertThatThrownBy(() -> from(Map.of("checkpoint.interval", "15 min")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'checkpoint.interval'")
        .hasMessageContaining("transaction timeout");
  }

  @Test
  void shouldRefuseTimeoutAndTolerableFailuresThatTogetherOutlastTheTransactionTimeout() {
    assertThatThrownBy(() -> from(Map.of("checkpoint.timeout", "2 min", "checkpoint.tolerable-failures", "4")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'checkpoint.timeout'")
        .hasMessageContaining("checkpoint.tolerable-failures 4");
  }

  @Test
  void shouldRefuseNegativeTolerableFailures() {
    assertThatThrownBy(() -> from(Map.of("checkpoint.tolerable-failures", "-1")))
        .hasMessageStartingWith("option 'checkpoint.tolerable-failures'");
  }

  @Test
  void shouldLeaveTheStateBackendToFlinkWhenTheOptionIsUnset() {
    CheckpointSettings defaults = from(Map.of());

    assertThat(defaults.chosenStateBackend()).isEmpty();
  }

  @Test
  void shouldReadTheStateBackendWhateverItsCase() {
    assertThat(from(Map.of("state.backend", "rocksdb")).chosenStateBackend()).contains(StateBackendKind.ROCKSDB);
    assertThat(from(Map.of("state.backend", " RocksDB ")).chosenStateBackend()).contains(StateBackendKind.ROCKSDB);
    assertThat(from(Map.of("state.backend", "hashmap")).chosenStateBackend()).contains(StateBackendKind.HASHMAP);
    assertThat(from(Map.of("state.backend", "forst")).chosenStateBackend()).contains(StateBackendKind.FORST);
  }

  @Test
  void shouldRefuseAnUnknownStateBackendNamingTheOptionAndTheAllowedValues() {
    assertThatThrownBy(() -> from(Map.of("state.backend", "memory")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'state.backend'")
        .hasMessageContaining("hashmap, rocksdb, forst")
        .hasMessageContaining("'memory'");
  }

  @Test
  void shouldRefuseAnUnknownStateBackendGivenAsAnArgument() {
    assertThatThrownBy(() -> JobArguments.parse(new String[] {"--state.backend", "rocks"},
            JobEnvironment.withEnvironmentOptions(CommonOptions.CHECKPOINTS)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'state.backend'")
        .hasMessageContaining("hashmap, rocksdb, forst");
  }

  @Test
  void shouldAcceptTheStateBackendAsAnArgumentOfEveryJob() {
    // A job whose own list does not declare it yet still takes it (JobEnvironment.run adds it).
    List<ConfigOption<?>> declared = JobEnvironment.withEnvironmentOptions(List.of(CommonOptions.CHECKPOINT_INTERVAL));
    Configuration parsed = JobArguments.parse(new String[] {"--state.backend", "rocksdb"}, declared);

    assertThat(CheckpointSettings.from(parsed).chosenStateBackend()).contains(StateBackendKind.ROCKSDB);
    assertThat(JobEnvironment.withEnvironmentOptions(CommonOptions.CHECKPOINTS))
        .as("declared once, even when the job declares it too").hasSize(CommonOptions.CHECKPOINTS.size());
  }

  @Test
  void shouldSetFlinksStateBackendAndIncrementalCheckpointsForTheChosenBackend() {
    Configuration rocksdb = JobEnvironment.stateBackendConfiguration(StateBackendKind.ROCKSDB);
    Configuration hashmap = JobEnvironment.stateBackendConfiguration(StateBackendKind.HASHMAP);

    assertThat(rocksdb.toMap()).containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true");
    assertThat(hashmap.toMap()).containsEntry("state.backend.type", "hashmap")
        .containsEntry("execution.checkpointing.incremental", "false");
  }
}
