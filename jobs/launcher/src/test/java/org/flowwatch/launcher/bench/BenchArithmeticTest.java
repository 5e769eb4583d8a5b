package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flowwatch.schema.MonitoringPoint;
import org.junit.jupiter.api.Test;

/** The arithmetic of the bench's measurements, without Flink, Kafka or Elasticsearch; no timing. */
class BenchArithmeticTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldTakeNearestRankPercentiles() {
    List<Double> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).collect(Collectors.toList());
    assertThat(Percentiles.nearestRank(hundred, 50)).isEqualTo(50.0);
    assertThat(Percentiles.nearestRank(hundred, 99)).isEqualTo(99.0);
    assertThat(Percentiles.nearestRank(hundred, 100)).isEqualTo(100.0);

    List<Double> thirty = IntStream.rangeClosed(1, 30).mapToObj(i -> (double) (31 - i)).collect(Collectors.toList());
    assertThat(Percentiles.nearestRank(thirty, 50)).as("rank ceil(15) of 30, unsorted input").isEqualTo(15.0);
    assertThat(Percentiles.nearestRank(thirty, 99)).as("rank ceil(29.7) = 30: the largest").isEqualTo(30.0);
    assertThat(Percentiles.nearestRank(List.of(7.0), 1)).isEqualTo(7.0);
  }

  @Test
  void shouldRefuseAPercentileOfNothingOrOutOfRange() {
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(1.0), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(1.0), 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPaceEventsEvenlyAtTheRate() {
    Pacer pacer = new Pacer(50_000, START, Duration.ofSeconds(4));

    assertThat(pacer.dueNanos(0)).isZero();
    assertThat(pacer.dueNanos(1)).isEqualTo(20_000);
    assertThat(pacer.dueNanos(50_000)).isEqualTo(1_000_000_000L);
    assertThat(pacer.dueBy(0)).as("event 0 is due at once").isEqualTo(1);
    assertThat(pacer.dueBy(1_000_000_000L)).isEqualTo(50_001);
    assertThat(pacer.dueBy(-5)).isZero();
    assertThat(Pacer.achievedRate(100_000, 2_000_000_000L)).isEqualTo(50_000.0);
    assertThat(Pacer.achievedRate(5, 0)).isZero();
  }

  @Test
  void shouldRunTheEventClockOneHourPerWallPeriod() {
    Pacer pacer = new Pacer(50_000, START, Duration.ofSeconds(4));

    assertThat(pacer.compression()).isEqualTo(900.0);
    assertThat(pacer.eventTime(0)).isEqualTo(START);
    assertThat(pacer.eventTime(Duration.ofSeconds(4).toNanos())).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(pacer.eventTime(Duration.ofSeconds(2).toNanos())).isEqualTo(START.plus(Duration.ofMinutes(30)));
    assertThat(pacer.eventTime(Duration.ofMillis(1).toNanos())).isEqualTo(START.plus(Duration.ofMillis(900)));
    // long runs: 30 hours of wall clock, 27,000 event-time hours, no overflow
    assertThat(pacer.eventTime(Duration.ofHours(30).toNanos())).isEqualTo(START.plus(Duration.ofHours(27_000)));
  }

  @Test
  void shouldRefuseARateOrClockThatCannotPace() {
    assertThatThrownBy(() -> new Pacer(0, START, Duration.ofSeconds(4))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pacer(10, START, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldExtrapolateMinutesLinearly() {
    // 10 M events in 100 s: 100,000 events/s; 365 M events at that rate: 3,650 s
    assertThat(Extrapolation.rate(10_000_000, 100_000)).isEqualTo(100_000.0);
    assertThat(Extrapolation.minutesFor(365_000_000, 10_000_000, 100_000)).isCloseTo(3650 / 60.0, within(1e-9));
    assertThatThrownBy(() -> Extrapolation.rate(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTakeTheHeapSlopeBetweenTwoReadings() {
    long mb = 1024 * 1024;
    // 200 MB more for 1 M more ids: 200 MB per million
    assertThat(DedupHeapBench.megabytesPerMillion(500 * mb, 1_000_000, 700 * mb, 2_000_000)).isEqualTo(200.0);
    // 50 MB more for 250,000 more ids: 200 MB per million
    assertThat(DedupHeapBench.megabytesPerMillion(100 * mb, 250_000, 150 * mb, 500_000)).isEqualTo(200.0);
    assertThatThrownBy(() -> DedupHeapBench.megabytesPerMillion(1, 10, 2, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSumACounterOverEveryOperatorAndSubtask() {
    String scrape = String.join("\n",
        "# HELP flink_taskmanager_job_task_operator_source_recordsAggregated recordsAggregated (scope: ...)",
        "# TYPE flink_taskmanager_job_task_operator_source_recordsAggregated gauge",
        "flink_taskmanager_job_task_operator_source_recordsAggregated{source=\"BORDER_CROSSING\",subtask_index=\"0\",} 90.0",
        "flink_taskmanager_job_task_operator_source_recordsAggregated{source=\"BORDER_CROSSING\",subtask_index=\"1\",} 28.0",
        "flink_taskmanager_job_task_operator_recordsAggregated{subtask_index=\"0\",} 2.0",
        "flink_taskmanager_job_task_operator_recordsAggregatedPerSecond{subtask_index=\"0\",} 1000.0",
        "flink_taskmanager_job_task_operator_reason_source_recordsRejected{reason=\"TOO_LATE\",} 3.0",
        "flink_jobmanager_numRunningJobs 1.0",
        "flink_taskmanager_job_task_operator_KafkaSourceReader_lag NaN");

    assertThat(PrometheusCounters.sum(scrape, "recordsAggregated")).isEqualTo(120);
    assertThat(PrometheusCounters.sum(scrape, "recordsRejected")).isEqualTo(3);
    assertThat(PrometheusCounters.sum(scrape, "recordsDuplicated")).isZero();
  }

  @Test
  void shouldPublishAHundredDistinctPointsOnKnownRoutes() {
    List<MonitoringPoint> points = BackfillBench.points();

    assertThat(points).hasSize(100);
    assertThat(points.stream().map(MonitoringPoint::getCode).distinct()).hasSize(100);
    assertThat(points.get(0).getCode()).isEqualTo("BF-P001");
    assertThat(points).allSatisfy(point -> assertThat(point.getRoutes()).hasSize(1));
    assertThat(BackfillBench.EVENTS_PER_DAY * 365).isEqualTo(BackfillBench.YEAR_EVENTS);
  }
}
