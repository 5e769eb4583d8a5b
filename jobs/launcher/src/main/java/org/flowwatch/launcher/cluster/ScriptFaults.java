package org.flowwatch.launcher.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults of a drill struck through the infra/ scripts that started the servers (the demo's servers and the
 * cluster of ./flowwatch cluster start): the same pid files, the same checks that a process is theirs.
 */
public final class ScriptFaults implements FaultDrill.Faults {
  private final Path checkout;
  private final Map<String, String> ports;

  public ScriptFaults(Path checkout, String clusterUrl, String bootstrapServers, String elasticsearchUrl) {
    this.checkout = checkout;
    this.ports = Map.of(
        "FLINK_REST_PORT", String.valueOf(URI.create(clusterUrl).getPort()),
        "KAFKA_PORT", bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1),
        "ELASTICSEARCH_PORT", String.valueOf(URI.create(elasticsearchUrl).getPort()));
  }

  @Override
  public void killTaskManager(int index) throws IOException, InterruptedException {
    run("infra/flink/flink.sh", "kill-taskmanager", String.valueOf(index));
  }

  @Override
  public void startTaskManager(int index) throws IOException, InterruptedException {
    run("infra/flink/flink.sh", "start-taskmanager", String.valueOf(index));
  }

  @Override
  public void restartBroker() throws IOException, InterruptedException {
    run("infra/kafka/kafka.sh", "stop");
    run("infra/kafka/kafka.sh", "start");
  }

  @Override
  public void stopElasticsearch() throws IOException, InterruptedException {
    run("infra/elasticsearch/elasticsearch.sh", "stop");
  }

  @Override
  public void startElasticsearch() throws IOException, InterruptedException {
    run("infra/elasticsearch/elasticsearch.sh", "start");
  }

  private void run(String script, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", checkout.resolve(script).toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder process = new ProcessBuilder(command).inheritIO();
    process.environment().putAll(ports);
    int status = process.start().waitFor();
    if (status != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit code " + status + ")");
    }
  }
}
