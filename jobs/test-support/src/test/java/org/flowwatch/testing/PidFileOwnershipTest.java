package org.flowwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pid file outlives its process (a crash, a reboot) and its number may since belong to an unrelated process: the
 * infra/ scripts must neither stop that process nor call it their server. Here the "unrelated process" is a sleep this
 * test starts, named by a pid file where the server's would be.
 */
class PidFileOwnershipTest {
  @TempDir
  Path stateDirectory;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "infra/kafka/kafka.sh, KAFKA_PORT, kafka/29092/kafka.pid",
      "infra/elasticsearch/elasticsearch.sh, ELASTICSEARCH_PORT, elasticsearch/29200/elasticsearch.pid"})
  void stopAndStatusLeaveAnUnrelatedProcessNamedByThePidFileAlone(String script, String portVariable, String pidFile)
      throws Exception {
    Process unrelated = new ProcessBuilder("sleep", "600").start();
    try {
      Path pidPath = stateDirectory.resolve(pidFile);
      Files.createDirectories(pidPath.getParent());
      Files.writeString(pidPath, String.valueOf(unrelated.pid()));
      String port = pidFile.replaceAll(".*/(\\d+)/.*", "$1");

      ScriptRun status = run(script, "status", portVariable, port);
      assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
      assertThat(status.output()).contains("not running");

      ScriptRun stop = run(script, "stop", portVariable, port);
      assertThat(stop.exitCode()).as(stop.output()).isZero();
      assertThat(stop.output()).contains("names pid " + unrelated.pid() + ", which is not this");
      assertThat(unrelated.isAlive()).as("the unrelated process survives the stop").isTrue();
      assertThat(pidPath).doesNotExist();
    } finally {
      unrelated.destroy();
      unrelated.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Runs an infra/ script on this test's state directory. */
  private ScriptRun run(String script, String command, String portVariable, String port) throws IOException,
      InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", Checkout.root().resolve(script).toString(), command)
        .redirectErrorStream(true);
    builder.environment().put("FLOWWATCH_STATE_DIR", stateDirectory.toString());
    builder.environment().put(portVariable, port);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " " + command + " did not finish within 120 s: " + output);
    }
    return new ScriptRun(process.exitValue(), output);
  }

  /** What a script run printed (stdout and stderr together) and how it exited. */
  private record ScriptRun(int exitCode, String output) {}
}
