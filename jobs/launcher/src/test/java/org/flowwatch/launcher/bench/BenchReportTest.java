package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.flowwatch.launcher.bench.BenchReport.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @Test
  void writesEveryFigureWithItsTargetAndTheMachine(@TempDir Path dir) throws Exception {
    BenchReport report = new BenchReport(Machine.current());
    report.parameter("events", 2_000_000L);
    report.figure("ratio.flowwatch-to-raw", 62.5, "%", Target.atLeast(50), null);
    report.figure("latency.window-close-to-searchable.p99", 2400, "ms", Target.atMost(2000), "includes refresh");
    report.figure("throughput.raw", 1_000_000, "events/s", null, null);

    Path file = dir.resolve("figures/bench.json");
    report.writeJson(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(json.at("/machine/java").asText()).contains(System.getProperty("java.version"));
    assertThat(json.at("/parameters/events").asLong()).isEqualTo(2_000_000L);
    JsonNode figures = json.get("figures");
    assertThat(figures).hasSize(3);
    assertThat(figures.get(0).get("met").asBoolean()).isTrue();
    assertThat(figures.get(0).get("target").asText()).isEqualTo(">= 50");
    assertThat(figures.get(1).get("met").asBoolean()).isFalse();
    assertThat(figures.get(1).get("note").asText()).isEqualTo("includes refresh");
    assertThat(figures.get(2).has("met")).isFalse();
  }

  @Test
  void mediansOfOddAndEvenCounts() {
    assertThat(BenchRun.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(BenchRun.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void profileSamplesAreGroupedByTheCodeTheyBelongTo() {
    assertThat(HotMethods.area("org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows")).isEqualTo("flowwatch");
    assertThat(HotMethods.area("org.apache.flink.api.java.typeutils.runtime.PojoSerializer")).isEqualTo("flink serialization");
    assertThat(HotMethods.area("org.apache.flink.runtime.state.heap.CopyOnWriteStateMap")).isEqualTo("flink state");
    assertThat(HotMethods.area("org.apache.avro.io.BinaryDecoder")).isEqualTo("avro");
    assertThat(HotMethods.area("com.example.Unknown")).isEqualTo("other");
  }
}
