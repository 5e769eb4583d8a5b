package org.flowwatch.launcher.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.launcher.bench.BenchReport.Target;

/**
 * Throughput of every {@link Contender} on the same topic in one run: each contender first runs over an empty topic
 * (its start-up and shut-down, subtracted from every run, since they would otherwise dominate short runs), then
 * {@code warmup} uncounted runs, then {@code repeats} runs interleaved across contenders, so a disturbance of the
 * machine hits all of them alike. Rates are events over net milliseconds; figures are medians.
 */
public final class ThroughputBench {
  private final BenchRun run;
  private final List<Contender> contenders;
  private final Path profileRecording;

  /** With a {@code profileRecording} file, one more run of the flowwatch contender is profiled ({@link HotMethods}). */
  public ThroughputBench(BenchRun run, List<Contender> contenders, Path profileRecording) {
    this.run = run;
    this.contenders = contenders;
    this.profileRecording = profileRecording;
  }

  /** Medians in events/s by contender key. */
  public Map<String, Double> measure(BenchReport report) throws Exception {
    String topic = run.topic("crossings");
    String empty = run.topic("empty");
    KafkaTopics.createIfMissing(run.kafka(), List.of(TopicSpec.of(topic, BenchRun.INPUT_PARTITIONS),
        TopicSpec.of(empty, BenchRun.INPUT_PARTITIONS)));
    try {
      System.out.printf("producing %,d crossings into %s ...%n", run.events(), topic);
      var day = BenchRun.lastWeeksDay();
      long produceMillis = run.produceCrossings(topic, run.events(), day[0], day[1]);
      System.out.printf("produced in %.1f s (%,.0f events/s)%n", produceMillis / 1000.0,
          run.events() * 1000.0 / produceMillis);
      Map<String, Long> overhead = new LinkedHashMap<>();
      for (Contender contender : contenders) {
        overhead.put(contender.key(), contender.run(empty, 0, run.name() + "-" + contender.key() + "-empty"));
        System.out.printf("%s: start-up and shut-down over an empty topic %.1f s%n", contender.key(),
            overhead.get(contender.key()) / 1000.0);
      }
      for (int i = 1; i <= run.warmup(); i++) {
        for (Contender contender : contenders) {
          long millis = contender.run(topic, run.events(), run.name() + "-" + contender.key() + "-warmup-" + i);
          System.out.printf("warm-up %d: %-14s %,12.0f events/s (not counted)%n", i, contender.key(),
              run.rate(millis, overhead.get(contender.key())));
        }
      }
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int i = 1; i <= run.repeats(); i++) {
        for (Contender contender : contenders) {
          long millis = contender.run(topic, run.events(), run.name() + "-" + contender.key() + "-" + i);
          double rate = run.rate(millis, overhead.get(contender.key()));
          rates.computeIfAbsent(contender.key(), key -> new ArrayList<>()).add(rate);
          System.out.printf("run %d: %-14s %,12.0f events/s (%.1f s)%n", i, contender.key(), rate, millis / 1000.0);
        }
      }
      System.out.printf("%nmedians over %d runs of %,d events, parallelism %d:%n", run.repeats(), run.events(),
          run.parallelism());
      Map<String, Double> medians = new LinkedHashMap<>();
      for (Contender contender : contenders) {
        double median = BenchRun.median(rates.get(contender.key()));
        medians.put(contender.key(), median);
        report.figure("throughput." + contender.key(), median, "events/s", null, contender.description());
      }
      ratios(report, medians);
      if (profileRecording != null) {
        profile(report, topic);
      }
      return medians;
    } finally {
      KafkaTopics.deleteIfPresent(run.kafka(), List.of(topic, empty));
    }
  }

  private void profile(BenchReport report, String topic) throws Exception {
    Contender flowwatch = contenders.stream().filter(contender -> contender.key().equals("flowwatch")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the profile needs the flowwatch contender"));
    System.out.printf("%nprofiling one more run of %s (Java Flight Recorder) ...%n", flowwatch.key());
    HotMethods hot = HotMethods.profile(profileRecording,
        () -> flowwatch.run(topic, run.events(), run.name() + "-profile"));
    String note = hot.samples() + " CPU samples, recording " + profileRecording.toAbsolutePath();
    hot.top(true, 8).forEach((area, percent) -> report.figure("profile.flowwatch.area." + area, percent, "%", null, note));
    hot.top(false, 12).forEach((method, percent) -> report.figure("profile.flowwatch.method." + method, percent, "%", null,
        null));
  }

  private static void ratios(BenchReport report, Map<String, Double> medians) {
    Double flowwatch = medians.get("flowwatch");
    if (flowwatch == null) {
      return;
    }
    if (medians.containsKey("raw")) {
      report.figure("ratio.flowwatch-to-raw", 100 * flowwatch / medians.get("raw"), "%", Target.atLeast(50),
          "end to end against raw consume+decode");
    }
    if (medians.containsKey("flink-sql")) {
      report.figure("ratio.flowwatch-to-flink-sql", flowwatch / medians.get("flink-sql"), "x", Target.atLeast(3), null);
    }
    if (medians.containsKey("kafka-streams")) {
      report.figure("ratio.flowwatch-to-kafka-streams", flowwatch / medians.get("kafka-streams"), "x",
          Target.atLeast(2), null);
    }
  }
}
