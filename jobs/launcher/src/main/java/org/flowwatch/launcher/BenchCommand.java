package org.flowwatch.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.launcher.bench.BenchReport;
import org.flowwatch.launcher.bench.BenchRun;
import org.flowwatch.launcher.bench.Contender;
import org.flowwatch.launcher.bench.Contenders;
import org.flowwatch.launcher.bench.Machine;
import org.flowwatch.launcher.bench.ThroughputBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./flowwatch bench}: the figures of docs/benchmarks.md in one run, against the Kafka and Elasticsearch it is
 * given (the launcher script starts local ones). Figures, never tests: a run prints them and, with {@code --json},
 * writes them with the machine they ran on.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the flow aggregation job: throughput against raw consume+decode and peers, latency, state, backfill.")
final class BenchCommand implements Callable<Integer> {
  /** What a run can measure; all by default. */
  enum Measurement { THROUGHPUT, PEERS, PROFILE }

  @Option(names = "--events", defaultValue = "2000000", description = "Crossings in the throughput topic (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--repeats", defaultValue = "3", description = "Measured runs of each contender (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--warmup", defaultValue = "1",
      description = "Uncounted runs of each contender before the measured ones, to let the JIT compile the hot path (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism, and threads of the peers (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "10 s",
      description = "Checkpoint (and commit) interval of the jobs and peers (default: ${DEFAULT-VALUE}).")
  String checkpointInterval;

  @Option(names = "--measure", split = ",", paramLabel = "WHAT",
      description = "What to measure, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
  EnumSet<Measurement> measure = EnumSet.allOf(Measurement.class);

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure, with the machine, to FILE as JSON.")
  Path json;

  @Mixin
  ServerOptions.Kafka kafka;

  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Override
  public Integer call() throws Exception {
    BenchRun run = new BenchRun(kafka.configuration(), kafka.connection(), elasticsearch.configuration(),
        elasticsearch.connection(), events, parallelism, repeats, warmup, checkpointInterval);
    BenchReport report = new BenchReport(Machine.current());
    System.out.println(report.machine().describe());
    report.parameter("events", events);
    report.parameter("parallelism", parallelism);
    report.parameter("repeats", repeats);
    report.parameter("warmup", warmup);
    report.parameter("checkpointInterval", checkpointInterval);
    if (measure.contains(Measurement.THROUGHPUT) || measure.contains(Measurement.PEERS)) {
      List<Contender> contenders = new ArrayList<>(Contenders.flowwatch(run));
      if (measure.contains(Measurement.PEERS)) {
        contenders.addAll(Contenders.peers(run));
      }
      Path recording = measure.contains(Measurement.PROFILE) ? Path.of("target", "bench", run.name() + "-flowwatch.jfr") : null;
      new ThroughputBench(run, contenders, recording).measure(report);
    }
    report.printSummary();
    if (json != null) {
      report.writeJson(json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return 0;
  }
}
