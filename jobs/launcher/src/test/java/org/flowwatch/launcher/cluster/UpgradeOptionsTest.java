package org.flowwatch.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** How upgrade builds the new job's options from the running job's, and how options are checked before any cluster. */
class UpgradeOptionsTest {
  @Test
  void changedOptionsReplaceThoseOfTheSameKeyAndTheRestAreKept() {
    List<String> merged = UpgradeCommand.merged(
        List.of("--kafka.bootstrap-servers", "k:9092", "--parallelism", "2"),
        List.of("--parallelism", "3", "--checkpoint.interval", "10 s"));

    assertThat(merged).containsExactly("--kafka.bootstrap-servers", "k:9092", "--parallelism", "3",
        "--checkpoint.interval", "10 s");
  }

  @Test
  void optionsThatAreNotKeyValuePairsAreRefused() {
    assertThatThrownBy(() -> UpgradeCommand.merged(List.of(), List.of("--parallelism")))
        .hasMessageContaining("--key value pairs");
    assertThatThrownBy(() -> UpgradeCommand.merged(List.of(), List.of("parallelism", "3")))
        .hasMessageContaining("starts with --");
  }

  @Test
  void aJobsOptionsAreCheckedHereNamingTheWrongOne() {
    assertThatThrownBy(() -> FlowwatchJob.FLOW_AGGREGATION.checkOptions(List.of("--parallelism", "zero")))
        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> FlowwatchJob.SURGE_DETECTION.checkOptions(List.of("--no-such-option", "1")))
        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("no-such-option");
    assertThatThrownBy(() -> FlowwatchJob.named("flow_aggregation")).hasMessageContaining("flow-aggregation");
  }

  @Test
  void aStackTraceIsShortenedToItsMessages() {
    assertThat(FlinkRest.firstLines("java.lang.IllegalStateException: outer\n\tat a.b(C.java:1)\n"
        + "Caused by: java.io.IOException: inner\n\tat d.e(F.java:2)\n"))
        .isEqualTo("java.lang.IllegalStateException: outer / Caused by: java.io.IOException: inner");
  }
}
