package org.flowwatch.jobs.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
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
}
