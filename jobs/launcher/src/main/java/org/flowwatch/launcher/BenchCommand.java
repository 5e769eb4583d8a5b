package org.flowwatch.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.launcher.bench.BackfillBench;
import org.flowwatch.launcher.bench.BenchReport;
import org.flowwatch.launcher.bench.BenchRun;
import org.flowwatch.launcher.bench.Contender;
import org.flowwatch.launcher.bench.Contenders;
import org.flowwatch.launcher.bench.DedupHeapBench;
import org.flowwatch.launcher.bench.Machine;
import org.flowwatch.launcher.bench.ThroughputBench;
import org.flowwatch.launcher.bench.WindowLatencyBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./flowwatch bench}: the figures of docs/benchmarks.md in one run, against the Kafka and Elasticsearch it is
 * given (the launcher script starts local ones). Figures, never tests: a run prints them and, with {@code --json},
 * writes them with the machine they ran on.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the flow aggregation job: throughput against raw consume+decode and peers, window latency, "
        + "heap per deduplication id, backfill time, RocksDB.")
final class BenchCommand implements Callable<Integer> {
  /** What a run can measure; all by default. */
  enum Measurement { THROUGHPUT, PEERS, PROFILE, LATENCY, HEAP, BACKFILL, ROCKSDB }

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

  @Option(names = "--latency-windows", defaultValue = "30",
      description = "LATENCY: hourly windows measured, after the warm-up ones (default: ${DEFAULT-VALUE}).")
  int latencyWindows;

  @Option(names = "--latency-warmup-windows", defaultValue = "3",
      description = "LATENCY: first windows not counted (default: ${DEFAULT-VALUE}).")
  int latencyWarmupWindows;

  @Option(names = "--latency-rate", defaultValue = "50000",
      description = "LATENCY: crossings per second the producer sends (default: ${DEFAULT-VALUE}).")
  double latencyRate;

  @Option(names = "--latency-hour-seconds", defaultValue = "4",
      description = "LATENCY: wall-clock seconds per event-time hour of the producer's clock (default: ${DEFAULT-VALUE}).")
  double latencyHourSeconds;

  @Option(names = "--heap-ids", defaultValue = "2000000",
      description = "HEAP: live deduplication ids at the second reading; the first is at half (default: ${DEFAULT-VALUE}).")
  long heapIds;

  @Option(names = "--backfill-days", defaultValue = "10",
      description = "BACKFILL: days of history (1,000,000 crossings a day at 100 points) of the scaled run (default: ${DEFAULT-VALUE}).")
  int backfillDays;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure, with the machine, to FILE as JSON.")
  Path json;

  @Mixin
  ServerOptions.Kafka kafka;

  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Override
  public Integer call() throws Exception {
    require(latencyWindows >= 1, "--latency-windows must be at least 1, was " + latencyWindows);
    require(latencyWarmupWindows >= 0, "--latency-warmup-windows must not be negative, was " + latencyWarmupWindows);
    require(latencyRate > 0, "--latency-rate must be positive, was " + latencyRate);
    require(latencyHourSeconds > 0, "--latency-hour-seconds must be positive, was " + latencyHourSeconds);
    require(heapIds >= 2, "--heap-ids must be at least 2, was " + heapIds);
    require(backfillDays >= 1, "--backfill-days must be at least 1, was " + backfillDays);
    BenchRun run = new BenchRun(kafka.configuration(), kafka.connection(), elasticsearch.configuration(),
        elasticsearch.connection(), events, parallelism, repeats, warmup, checkpointInterval);
    BenchReport report = new BenchReport(Machine.current());
    System.out.println(report.machine().describe());
    report.parameter("events", events);
    report.parameter("parallelism", parallelism);
    report.parameter("repeats", repeats);
    report.parameter("warmup", warmup);
    report.parameter("checkpointInterval", checkpointInterval);
    if (measure.contains(Measurement.THROUGHPUT) || measure.contains(Measurement.PEERS)
        || measure.contains(Measurement.ROCKSDB)) {
      List<Contender> contenders = new ArrayList<>(Contenders.flowwatch(run, measure.contains(Measurement.ROCKSDB)));
      if (measure.contains(Measurement.PEERS)) {
        contenders.addAll(Contenders.peers(run));
      }
      Path recording = measure.contains(Measurement.PROFILE) ? Path.of("target", "bench", run.name() + "-flowwatch.jfr") : null;
      Map<String, Double> medians = new ThroughputBench(run, contenders, recording).measure(report);
      Contenders.reportState(report, contenders, medians);
    }
    if (measure.contains(Measurement.LATENCY)) {
      report.parameter("latencyWindows", latencyWindows);
      report.parameter("latencyWarmupWindows", latencyWarmupWindows);
      report.parameter("latencyRate", latencyRate);
      report.parameter("latencyHourSeconds", latencyHourSeconds);
      new WindowLatencyBench(run, latencyRate, latencyWindows, latencyWarmupWindows,
          Duration.ofMillis(Math.round(latencyHourSeconds * 1000))).measure(report);
    }
    if (measure.contains(Measurement.HEAP)) {
      report.parameter("heapIds", heapIds);
      new DedupHeapBench(run, heapIds).measure(report);
    }
    if (measure.contains(Measurement.BACKFILL)) {
      report.parameter("backfillDays", backfillDays);
      new BackfillBench(run, backfillDays).measure(report);
    }
    report.printSummary();
    if (json != null) {
      report.writeJson(json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return 0;
  }

  @picocli.CommandLine.Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
