package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line refuses what it does not know, naming it, instead of printing the usage and exiting 0. */
class FlowwatchCommandTest {
  @Test
  void anUnknownCommandExitsNonZeroAndNamesIt() {
    CommandRun run = CommandRun.of("frobnicate", "now");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("'frobnicate'");
  }

  @Test
  void anUnknownSubcommandOfAGroupExitsNonZeroAndNamesIt() {
    CommandRun run = CommandRun.of("dashboards", "remove");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("'remove'");
  }
}
