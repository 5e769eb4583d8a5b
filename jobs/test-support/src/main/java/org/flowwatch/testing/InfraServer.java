package org.flowwatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server started through one of the project's infra/ scripts, exactly as a user starts it. If the script finds
 * the server already running on the port, the tests use it and leave it running; otherwise the server is stopped when
 * the test run ends (JUnit closes the root store).
 */
final class InfraServer implements ExtensionContext.Store.CloseableResource {
  private final String name;
  private final Path script;
  private final Map<String, String> environment;
  private boolean startedHere;

  private InfraServer(String name, String scriptPath, Map<String, String> environment) {
    this.name = name;
    this.script = Checkout.root().resolve(scriptPath);
    this.environment = environment;
  }

  static InfraServer start(String name, String scriptPath, Map<String, String> environment) {
    InfraServer server = new InfraServer(name, scriptPath, environment);
    server.startedHere = server.run("status", 60) != 0;
    if (server.startedHere && server.run("start", 900) != 0) {
      throw new IllegalStateException(name + " did not start: see the output of " + server.script + " start above");
    }
    return server;
  }

  /** Whether this test run started the server (and so owns what is on it). */
  boolean startedHere() {
    return startedHere;
  }

  /** Runs a command of the server's script (e.g. stop, start), failing the test when it fails. */
  void command(String command) {
    if (run(command, 900) != 0) {
      throw new IllegalStateException(script + " " + command + " failed: see its output above");
    }
  }

  @Override
  public void close() {
    if (startedHere) {
      run("stop", 120);
    }
  }

  private int run(String command, long timeoutSeconds) {
    ProcessBuilder process = new ProcessBuilder("bash", script.toString(), command).inheritIO();
    process.environment().putAll(environment);
    try {
      Process running = process.start();
      if (!running.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        running.destroyForcibly();
        throw new IllegalStateException(script + " " + command + " did not finish within " + timeoutSeconds + " s");
      }
      return running.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    }
  }
}
