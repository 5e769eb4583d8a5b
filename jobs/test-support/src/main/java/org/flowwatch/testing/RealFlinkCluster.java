package org.flowwatch.testing;

/**
 * A real Flink session cluster of infra/flink/flink.sh (a job manager and task managers, each its own JVM process),
 * owned by the test class that starts it: on free loopback ports, in a state directory of its own, stopped by pid
 * when closed or when the test JVM ends.
 */
public final class RealFlinkCluster implements AutoCloseable {
  private final InfraServer server;
  private final int restPort;

  private RealFlinkCluster(InfraServer server, int restPort) {
    this.server = server;
    this.restPort = restPort;
  }

  public static RealFlinkCluster start(int taskManagers) {
    int restPort = LoopbackPorts.freeWithCompanion(1);
    int prometheusPorts = LoopbackPorts.freeWithCompanion(9);
    InfraServer server = InfraServer.start("Flink cluster", "infra/flink/flink.sh", java.util.Map.of(
        "FLINK_REST_PORT", String.valueOf(restPort),
        "FLINK_RPC_PORT", String.valueOf(restPort + 1),
        "FLINK_PROMETHEUS_PORTS", prometheusPorts + "-" + (prometheusPorts + 9)),
        "--taskmanagers", String.valueOf(taskManagers));
    return new RealFlinkCluster(server, restPort);
  }

  public String url() {
    return "http://127.0.0.1:" + restPort;
  }

  /** The cluster's directory: configuration, logs, checkpoints and savepoints. */
  public java.nio.file.Path home() {
    return server.stateDirectory().resolve("flink").resolve(String.valueOf(restPort));
  }

  /** Kills task manager {@code index} (1-based) with SIGKILL, as a crash or the OOM killer would. */
  public void killTaskManager(int index) {
    server.command("kill-taskmanager", String.valueOf(index));
  }

  public void startTaskManager(int index) {
    server.command("start-taskmanager", String.valueOf(index));
  }

  @Override
  public void close() {
    server.close();
  }
}
