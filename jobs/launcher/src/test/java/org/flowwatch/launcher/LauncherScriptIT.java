package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flowwatch.testing.Checkout;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.StateDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./flowwatch} script as a user runs it (on the jar this build packaged): it starts servers only to run
 * something, and stops everything it started when it is told to stop.
 */
class LauncherScriptIT {
  private final int kafkaPort = LoopbackPorts.freeWithCompanion(1);
  private final int elasticsearchPort = LoopbackPorts.freeWithCompanion(100);

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"demo", "bench"})
  void helpOfACommandThatNeedsServersStartsNone(String command) throws Exception {
    Path stateDirectory = StateDirectory.create("help");
    try {
      Launcher launcher = Launcher.start(environment(stateDirectory), command, "--help");

      assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
      assertThat(launcher.output()).contains("Usage: flowwatch " + command);
      try (var created = Files.list(stateDirectory)) {
        assertThat(created.toList()).as("server state created").isEmpty();
      }
      assertThat(accepts(kafkaPort) || accepts(elasticsearchPort)).as("a server listens").isFalse();
    } finally {
      StateDirectory.delete(stateDirectory);
    }
  }

  @Test
  void anUnknownCommandExitsNonZeroAndNamesIt() throws Exception {
    Path stateDirectory = StateDirectory.create("unknown");
    try {
      Launcher launcher = Launcher.start(environment(stateDirectory), "frobnicate", "now");

      assertThat(launcher.awaitExit()).as(launcher.output()).isNotZero();
      assertThat(launcher.output()).contains("'frobnicate'");
    } finally {
      StateDirectory.delete(stateDirectory);
    }
  }

  /**
   * The defect: the script blocked in java, so a TERM to it (kill, timeout, a service manager) killed the script and
   * left the JVM and both servers running.
   */
  @Test
  void termToTheScriptStopsTheJvmAndTheServersItStarted() throws Exception {
    Path stateDirectory = StateDirectory.create("demo-term");
    Launcher launcher = Launcher.start(environment(stateDirectory), "demo", "--duration", "600", "--report-every", "5",
        "--web-ui-port", String.valueOf(LoopbackPorts.free()), "--metrics-port", String.valueOf(LoopbackPorts.free()),
        "--board-port", String.valueOf(LoopbackPorts.free()));
    try {
      launcher.awaitLine("flowwatch demo: simulating", Duration.ofMinutes(10));
      assertThat(processesOf(stateDirectory)).as("servers running").isNotEmpty();

      // SIGTERM to the bash script only, as kill does (Process.destroy would also close the pipes it writes to).
      launcher.process.toHandle().destroy();

      assertThat(launcher.awaitExit()).as(launcher.output()).isZero();
      assertThat(processesOf(stateDirectory)).as("processes left behind; the launcher said:\n%s", launcher.output())
          .isEmpty();
      assertThat(accepts(kafkaPort) || accepts(elasticsearchPort)).as("a server listens").isFalse();
    } finally {
      if (launcher.process.isAlive()) {
        launcher.process.destroyForcibly();
      }
      for (String script : List.of("infra/kafka/kafka.sh", "infra/elasticsearch/elasticsearch.sh")) {
        stopLeftover(script, stateDirectory);
      }
      StateDirectory.delete(stateDirectory);
    }
  }

  /**
   * Command lines of the processes that belong to this test's demo: the servers name their state directory, the JVM
   * its Kafka port.
   */
  private List<String> processesOf(Path stateDirectory) {
    return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
        .filter(line -> line.contains(stateDirectory.toString()) || line.contains("127.0.0.1:" + kafkaPort))
        .toList();
  }

  private void stopLeftover(String script, Path stateDirectory) throws Exception {
    ProcessBuilder stop = new ProcessBuilder("bash", Checkout.root().resolve(script).toString(), "stop").inheritIO();
    stop.environment().putAll(environment(stateDirectory));
    stop.start().waitFor(180, TimeUnit.SECONDS);
  }

  private Map<String, String> environment(Path stateDirectory) {
    return Map.of("FLOWWATCH_STATE_DIR", stateDirectory.toString(),
        "KAFKA_PORT", String.valueOf(kafkaPort), "ELASTICSEARCH_PORT", String.valueOf(elasticsearchPort));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A running ./flowwatch, its output (stdout and stderr) collected line by line as it comes. */
  private static final class Launcher {
    /** Put on the queue when the output ends. */
    private static final String END = new String("end of output");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Launcher(Process process) {
      this.process = process;
      Thread reader = new Thread(this::collect, "flowwatch output");
      reader.setDaemon(true);
      reader.start();
    }

    static Launcher start(Map<String, String> environment, String... arguments) throws IOException {
      List<String> command = new ArrayList<>(List.of("bash", Checkout.root().resolve("flowwatch").toString()));
      command.addAll(List.of(arguments));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      return new Launcher(builder.start());
    }

    private void collect() {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          output.append(line).append('\n');
          lines.add(line);
        }
      } catch (IOException closed) {
        // the process ended
      } finally {
        lines.add(END);
      }
    }

    void awaitLine(String fragment, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null || line == END) {
          throw new AssertionError("no line with '" + fragment + "' within " + timeout + ":\n" + output);
        }
        if (line.contains(fragment)) {
          return;
        }
      }
    }

    int awaitExit() throws InterruptedException {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        throw new AssertionError("./flowwatch did not exit within 5 minutes:\n" + output);
      }
      return process.exitValue();
    }

    String output() {
      return output.toString();
    }
  }
}
