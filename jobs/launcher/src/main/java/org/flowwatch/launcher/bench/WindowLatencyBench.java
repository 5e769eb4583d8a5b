package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.launcher.bench.BenchReport.Target;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;

/**
 * How long after an hourly window closes its counts can be found in Elasticsearch. The flow aggregation job (real
 * sinks, unbounded, exactly-once checkpoints) reads crossings that a producer thread sends at a steady rate while its
 * event clock runs one hour per {@code wallPerHour} of wall-clock time, so that many windows close in one run.
 *
 * <p>A window [s, e) <b>closes</b> when the producer first sends an event timed after e + the job's out-of-orderness
 * bound: only then can the watermark pass e. It is <b>searchable</b> when a search of the job's internal hourly index
 * (a count on level POINT, granularity HOURLY, window_end = e, polled every {@value #POLL_MILLIS} ms) first finds all
 * its point-level hourly documents: one per (point, direction, nationality) among the crossings sent into it, which
 * the producer counts. The latency is searchable minus closed; the first {@code warmupWindows} windows are not counted.
 */
public final class WindowLatencyBench {
  static final long POLL_MILLIS = 20;
  /** Consecutive failed searches (about 10 s of them) before the measurement gives up. */
  static final int MAX_POLL_FAILURES = 500;
  /** Small, so that a window closes as soon as possible after its end; the producer's clock never goes backwards. */
  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);
  /** Small too; no partition goes silent while the producer runs (it writes to every partition in turn). */
  static final Duration IDLENESS = Duration.ofSeconds(5);
  /**
   * Keeps the deduplication state near what a live job holds: with the event clock compressed, the default 3 days of
   * lateness would keep every id of the run.
   */
  static final Duration ALLOWED_LATENESS = Duration.ofHours(1);

  private final BenchRun run;
  private final double eventsPerSecond;
  private final int windows;
  private final int warmupWindows;
  private final Duration wallPerHour;

  public WindowLatencyBench(BenchRun run, double eventsPerSecond, int windows, int warmupWindows, Duration wallPerHour) {
    this.run = run;
    this.eventsPerSecond = eventsPerSecond;
    this.windows = windows;
    this.warmupWindows = warmupWindows;
    this.wallPerHour = wallPerHour;
  }

  /** One hourly window of the run: what was sent into it, when it closed and when it became searchable. */
  static final class Window {
    final Instant end;
    final Set<String> cells = new HashSet<>();
    volatile int expectedDocuments;
    /** Crossings sent before the one that closed the window. */
    volatile long sentBeforeClose;
    volatile long closedNanos = -1;
    /** When the job's recordsAggregated first counted every crossing sent before the close (polled every 100 ms). */
    volatile long aggregatedNanos = -1;
    volatile long searchableNanos = -1;

    Window(Instant end) {
      this.end = end;
    }

    double latencyMillis() {
      return (searchableNanos - closedNanos) / 1_000_000.0;
    }
  }

  public void measure(BenchReport report) throws Exception {
    String runName = run.name() + "-latency";
    String topic = "flowwatch." + runName + ".crossings";
    Configuration overrides = new Configuration();
    overrides.set(FlowAggregationOptions.OUT_OF_ORDERNESS, OUT_OF_ORDERNESS);
    overrides.set(FlowAggregationOptions.IDLENESS, IDLENESS);
    overrides.set(FlowAggregationOptions.ALLOWED_LATENESS, ALLOWED_LATENESS);
    FlowAggregationSettings settings = run.watchedFlowAggregation(topic, runName, overrides);
    int total = warmupWindows + windows;
    Instant clockStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(total + 6L));
    List<Window> all = new ArrayList<>();
    for (int k = 0; k < total; k++) {
      all.add(new Window(clockStart.plus(Duration.ofHours(k + 1L))));
    }
    Pacer pacer = new Pacer(eventsPerSecond, clockStart, wallPerHour);
    System.out.printf("latency: %d windows (%d warm-up) at %,.0f events/s, one event-time hour every %.1f s "
        + "(x%.0f), flush interval %s%n", total, warmupWindows, eventsPerSecond, wallPerHour.toMillis() / 1000.0,
        pacer.compression(), settings.elasticsearchFlushInterval());
    try (LocalFlowAggregation job = new LocalFlowAggregation(run, settings)) {
      job.start("bench: window latency");
      AtomicReference<Throwable> pollFailure = new AtomicReference<>();
      java.util.concurrent.CountDownLatch polled = new java.util.concurrent.CountDownLatch(1);
      Thread poller = new Thread(() -> {
        poll(job, all, pollFailure);
        polled.countDown();
      }, "bench-latency-poller");
      poller.setDaemon(true);
      poller.start();
      Thread counter = new Thread(() -> watchAggregated(job, all), "bench-latency-counter");
      counter.setDaemon(true);
      counter.start();
      long[] sentAndNanos = produce(topic, settings, pacer, all, polled);
      double achieved = Pacer.achievedRate(sentAndNanos[0], sentAndNanos[1]);
      System.out.printf("latency: sent %,d crossings in %.1f s (%,.0f events/s achieved)%n", sentAndNanos[0],
          sentAndNanos[1] / 1e9, achieved);
      poller.join(TimeUnit.SECONDS.toMillis(60) + 10 * settings.elasticsearchFlushInterval().toMillis());
      poller.interrupt();
      counter.interrupt();
      if (pollFailure.get() != null) {
        throw new IllegalStateException("polling Elasticsearch failed: " + pollFailure.get(), pollFailure.get());
      }
      List<Double> latencies = new ArrayList<>();
      List<Double> backlogs = new ArrayList<>();
      int unsearchable = 0;
      for (int k = warmupWindows; k < total; k++) {
        Window window = all.get(k);
        if (window.searchableNanos < 0) {
          unsearchable++;
        } else {
          latencies.add(window.latencyMillis());
        }
        if (window.aggregatedNanos >= 0) {
          backlogs.add(Math.max(0, window.aggregatedNanos - window.closedNanos) / 1_000_000.0);
        }
      }
      for (int k = 0; k < total; k++) {
        Window window = all.get(k);
        System.out.printf("  window ending %s: %,d documents, %s after closing (its crossings aggregated after %s)%s%n",
            window.end, window.expectedDocuments,
            window.searchableNanos < 0 ? "never searchable" : String.format("searchable %,.0f ms", window.latencyMillis()),
            window.aggregatedNanos < 0 ? "?" : String.format("%,.0f ms",
                Math.max(0, window.aggregatedNanos - window.closedNanos) / 1_000_000.0),
            k < warmupWindows ? " (warm-up)" : "");
      }
      if (latencies.isEmpty()) {
        throw new IllegalStateException("no window became searchable within a minute of closing");
      }
      String refresh = refreshInterval(job);
      String note = String.format("%d windows after %d warm-up ones%s; %,.0f events/s asked, %,.0f achieved; "
          + "event clock x%.0f (an hour per %.1f s); out-of-orderness %s, idleness %s, allowed lateness %s; "
          + "includes Kafka (producer linger 5 ms, consumer fetch), the periodic watermark (200 ms), the window, the "
          + "Elasticsearch sink's buffer (flush interval %s), the bulk request and the index refresh (refresh_interval "
          + "%s); checkpoints every %s (exactly-once); searchable = all %s point-level HOURLY documents of the window "
          + "counted by a search polled every %d ms; nearest-rank percentiles",
          latencies.size(), warmupWindows, unsearchable > 0 ? " (" + unsearchable + " never searchable, left out)" : "",
          eventsPerSecond, achieved, pacer.compression(), wallPerHour.toMillis() / 1000.0, OUT_OF_ORDERNESS,
          IDLENESS, ALLOWED_LATENESS, settings.elasticsearchFlushInterval(), refresh, run.checkpointInterval(),
          "(point, direction, nationality)", POLL_MILLIS);
      report.figure("latency.window-close-to-searchable.p50", Percentiles.nearestRank(latencies, 50), "ms", null, note);
      report.figure("latency.window-close-to-searchable.p99", Percentiles.nearestRank(latencies, 99), "ms",
          Target.atMost(2000), null);
      if (!backlogs.isEmpty()) {
        report.figure("latency.window-close-to-aggregated.p50", Percentiles.nearestRank(backlogs, 50), "ms", null,
            "part of the latency spent before the job had read, validated and deduplicated every crossing sent "
                + "before the close (recordsAggregated, polled every 100 ms): Kafka and the job's backlog; the rest "
                + "is watermark, window, sink and refresh");
      }
    }
  }

  /**
   * Sends crossings at the paced rate, each timed by the event clock when it is sent, and records each window's cells
   * and the moment it closed. Goes on after the last window closed, as a live stream would, until every window is
   * searchable (or a minute has passed): a stream that stopped would leave the other partitions behind the closing
   * crossing, and the watermark would wait for them to go idle. Returns {sent, elapsed nanoseconds}.
   */
  private long[] produce(String topic, FlowAggregationSettings settings, Pacer pacer, List<Window> windows,
      java.util.concurrent.CountDownLatch polled) {
    AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    CrossingGenerator generator = new CrossingGenerator(7L);
    Properties properties = run.producerProperties(5, 256 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long outOfOrdernessMillis = settings.outOfOrderness().toMillis();
    Instant clockStart = windows.get(0).end.minus(Duration.ofHours(1));
    int next = 0; // the first window not closed yet
    long sent = 0;
    long started = System.nanoTime();
    long now = started;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      long lastClosed = -1;
      while (next < windows.size()
          || (polled.getCount() > 0 && now - lastClosed < TimeUnit.MINUTES.toNanos(1))) {
        long ahead = pacer.dueNanos(sent) - (now - started);
        if (ahead > 1_000_000) {
          LockSupport.parkNanos(ahead);
        }
        now = System.nanoTime();
        Instant at = pacer.eventTime(now - started);
        while (next < windows.size()
            && at.toEpochMilli() > windows.get(next).end.toEpochMilli() + outOfOrdernessMillis) {
          Window closing = windows.get(next++);
          closing.expectedDocuments = closing.cells.size();
          closing.sentBeforeClose = sent;
          closing.closedNanos = now; // this event's send is the first that lets the watermark pass the end
          lastClosed = now;
        }
        CheckpointCrossing crossing = generator.crossingAt(sent, at);
        long hour = Duration.between(clockStart, at).toHours();
        if (hour < windows.size() && !at.isBefore(clockStart)) {
          windows.get((int) hour).cells.add(crossing.getCheckpointCode() + "|"
              + (crossing.getDirection() == CrossingDirection.ENTRY ? "IN" : "OUT") + "|" + crossing.getNationality());
        }
        producer.send(new ProducerRecord<>(topic, (int) (sent % BenchRun.INPUT_PARTITIONS), at.toEpochMilli(),
            crossing.getCheckpointCode(), codec.encode(crossing)), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        sent++;
        if (failure.get() != null) {
          throw new IllegalStateException("Kafka refused benchmark events: " + failure.get().getMessage(),
              failure.get());
        }
      }
      producer.flush();
    }
    return new long[] {sent, System.nanoTime() - started};
  }

  /** Polls, every {@value #POLL_MILLIS} ms, each closed window not searchable yet, until every window is. */
  private static void poll(LocalFlowAggregation job, List<Window> windows, AtomicReference<Throwable> failure) {
    try {
      int first = 0;
      int failures = 0;
      while (first < windows.size()) {
        for (int k = first; k < windows.size(); k++) {
          Window window = windows.get(k);
          if (window.closedNanos < 0) {
            break;
          }
          if (window.searchableNanos >= 0) {
            continue;
          }
          long asked = System.nanoTime();
          long found;
          try {
            found = job.searchableHourlyPointDocuments(window.end);
            failures = 0;
          } catch (java.io.IOException | RuntimeException notYet) {
            // e.g. 503 while the index's shard is being allocated: ask again, fail only if it lasts
            if (++failures > MAX_POLL_FAILURES) {
              throw notYet;
            }
            break;
          }
          if (found >= window.expectedDocuments) {
            window.searchableNanos = asked;
          }
        }
        while (first < windows.size() && windows.get(first).searchableNanos >= 0) {
          first++;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure.set(e);
    }
  }

  /** Polls recordsAggregated every 100 ms and stamps each closed window once it counts every crossing sent before. */
  private static void watchAggregated(LocalFlowAggregation job, List<Window> windows) {
    int next = 0;
    try {
      while (next < windows.size()) {
        long asked = System.nanoTime();
        long aggregated = job.counter(LocalFlowAggregation.AGGREGATED);
        while (next < windows.size() && windows.get(next).closedNanos >= 0
            && aggregated >= windows.get(next).sentBeforeClose) {
          windows.get(next++).aggregatedNanos = asked;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  private static String refreshInterval(LocalFlowAggregation job) {
    try {
      var settings = job.elasticsearch().indices().getSettings(g -> g.index(job.hourlyIndexPattern())
          .includeDefaults(true)).result();
      for (var index : settings.values()) {
        var configured = index.settings() == null || index.settings().index() == null ? null
            : index.settings().index().refreshInterval();
        if (configured != null && configured.time() != null) {
          return configured.time();
        }
        var defaults = index.defaults() == null || index.defaults().index() == null ? null
            : index.defaults().index().refreshInterval();
        if (defaults != null && defaults.time() != null) {
          return defaults.time() + " (default)";
        }
      }
    } catch (Exception e) {
      // reported as unknown
    }
    return "unknown";
  }
}
