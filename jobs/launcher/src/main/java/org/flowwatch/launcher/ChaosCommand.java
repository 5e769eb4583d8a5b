package org.flowwatch.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import org.flowwatch.launcher.cluster.ClusterOptions;
import org.flowwatch.launcher.cluster.FaultDrill;
import org.flowwatch.launcher.cluster.FlowwatchJob;
import org.flowwatch.launcher.cluster.ScriptFaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./flowwatch chaos}: the long fault drill on the cluster of ./flowwatch cluster start. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {"Deploy the flow aggregation job to the Flink cluster, stream observations into it and strike "
        + "faults between slices of the stream: task managers killed with SIGKILL (and started again), the Kafka "
        + "broker restarted, Elasticsearch stopped. Then print the ground truth beside what Elasticsearch and the "
        + "aggregates topic hold. Exit code 0 when they hold exactly the ground truth, 1 otherwise.",
        "./flowwatch chaos starts the demo's Kafka and Elasticsearch and the cluster when they are not running."})
public final class ChaosCommand implements Callable<Integer> {
  @Mixin
  ServerOptions.Kafka kafka;

  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--kills", defaultValue = "10", description = "Task manager kills (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--elasticsearch-outage", defaultValue = "60s",
      description = "How long Elasticsearch stays down, at least until a checkpoint failed; 0s for no outage "
          + "(default: ${DEFAULT-VALUE}).")
  String outage;

  @Option(names = "--broker-restart", description = "Also restart the Kafka broker.")
  boolean brokerRestart;

  @Option(names = "--days", defaultValue = "7", description = "Days of simulated observations (default: ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() throws Exception {
    Duration outageAtLeast = TimeUtils.parseDuration(outage);
    FaultDrill drill = new FaultDrill(cluster.rest(), FlowwatchJob.FLOW_AGGREGATION.builtJar(ClusterOptions.checkout()),
        kafka.bootstrapServers, elasticsearch.url,
        new ScriptFaults(ClusterOptions.checkout(), cluster.url(), kafka.bootstrapServers, elasticsearch.url), System.out);
    FaultDrill.Report report = drill.run(new FaultDrill.Plan(kills, brokerRestart, !outageAtLeast.isZero(), outageAtLeast, days, 1.0,
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(15)));
    System.out.println(report.table());
    System.out.println(report.holdsTheGroundTruth() ? "HOLDS the ground truth" : "DIFFERS from the ground truth");
    return report.holdsTheGroundTruth() ? 0 : 1;
  }
}
