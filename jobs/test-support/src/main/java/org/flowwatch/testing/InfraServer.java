package org.flowwatch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server started through one of the project's infra/ scripts, exactly as a user starts it, owned by this test
 * run: its state lives in a directory of its own, created here, and the server is stopped and the directory removed
 * when the run ends (JUnit closes the root store) or the JVM is shut down. A server some other checkout or an earlier,
 * crashed run left on the port is never used: the script refuses a taken port.
 */
final class InfraServer implements ExtensionContext.Store.CloseableResource {
  private final String name;
  private final Path script;
  private final Path stateDirectory;
  private final Map<String, String> environment;
  private final Thread stopOnShutdown;
  private boolean closed;

  private InfraServer(String name, String scriptPath, Map<String, String> settings) {
    this.name = name;
    this.script = Checkout.root().resolve(scriptPath);
    this.stateDirectory = StateDirectory.create(name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    Map<String, String> environment = new HashMap<>(settings);
    environment.put("FLOWWATCH_STATE_DIR", stateDirectory.toString());
    this.environment = Map.copyOf(environment);
    this.stopOnShutdown = new Thread(this::stopAndRemove, "stop " + name + " of " + stateDirectory);
  }

  /** Starts the server on {@code port} (given to the script as {@code portVariable}), failing when it cannot. */
  static InfraServer start(String name, String scriptPath, String portVariable, int port) {
    return start(name, scriptPath, Map.of(portVariable, String.valueOf(port)));
  }

  /**
   * Starts the server with the script's {@code settings} (environment variables such as ports) and start arguments,
   * failing when it cannot.
   */
  static InfraServer start(String name, String scriptPath, Map<String, String> settings, String... startArguments) {
    InfraServer server = new InfraServer(name, scriptPath, settings);
    // A test JVM ended by Ctrl-C or TERM never closes JUnit's store; the servers must not outlive it either.
    Runtime.getRuntime().addShutdownHook(server.stopOnShutdown);
    if (server.run(900, "start", startArguments) != 0) {
      server.close();
      throw new IllegalStateException(name + " did not start: see the output of " + server.script + " start above");
    }
    return server;
  }

  /** Runs a command of the server's script (e.g. stop, start), failing the test when it fails. */
  void command(String command, String... arguments) {
    if (run(900, command, arguments) != 0) {
      throw new IllegalStateException(script + " " + command + " " + String.join(" ", arguments)
          + " failed: see its output above");
    }
  }

  /** The server's FLOWWATCH_STATE_DIR. */
  Path stateDirectory() {
    return stateDirectory;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: stopAndRemove below does the work only once.
    }
    stopAndRemove();
  }

  private synchronized void stopAndRemove() {
    if (closed) {
      return;
    }
    closed = true;
    if (run(120, "stop") == 0) {
      StateDirectory.delete(stateDirectory);
    } else {
      System.err.println(name + " may still run: " + script + " stop failed; its state stays in " + stateDirectory);
    }
  }

  /**
   * Runs a script that prepares rather than serves (e.g. an installer); its exit code, 0 when it succeeded.
   */
  static int prepare(String scriptPath, long timeoutSeconds) {
    return run(Checkout.root().resolve(scriptPath), List.of(), Map.of(), timeoutSeconds);
  }

  private int run(long timeoutSeconds, String command, String... arguments) {
    List<String> commandAndArguments = new ArrayList<>(List.of(command));
    commandAndArguments.addAll(List.of(arguments));
    return run(script, commandAndArguments, environment, timeoutSeconds);
  }

  private static int run(Path script, List<String> arguments, Map<String, String> environment, long timeoutSeconds) {
    List<String> commandLine = new ArrayList<>(List.of("bash", script.toString()));
    commandLine.addAll(arguments);
    String command = String.join(" ", arguments);
    ProcessBuilder process = new ProcessBuilder(commandLine).inheritIO();
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
