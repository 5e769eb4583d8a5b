package org.flowwatch.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.StateBackendKind;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.launcher.bench.BenchReport.Target;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;

/**
 * Heap that the job's deduplication state takes per live record id, on the heap (hashmap) state backend, in this
 * JVM's local cluster. The job (unbounded, defaults otherwise: 3 days of allowed lateness) reads crossings with
 * distinct ids, all timed within the job's out-of-orderness bound before a minute ago: the watermark (newest event
 * time less that bound) never passes any of them, so no window closes, no record is late and every id stays in the
 * state. Heap is read after full collections
 * (System.gc() three times, then MemoryMXBean's used heap; the least of three such readings a second apart) once the
 * job has aggregated n1 ids, and again at n2; the figure is the slope (used2 - used1) / (n2 - n1) x 1,000,000 in MB
 * (2^20 bytes), which leaves out what does not grow with the ids (Flink, the clients, the code).
 */
public final class DedupHeapBench {
  static final double MEGABYTE = 1024.0 * 1024.0;

  private final BenchRun run;
  private final long ids;

  /** Measures at {@code ids} / 2 and {@code ids} live ids. */
  public DedupHeapBench(BenchRun run, long ids) {
    this.run = run;
    this.ids = ids;
  }

  /** Bytes per live id between two readings, in MB per million ids. */
  static double megabytesPerMillion(long usedFirst, long idsFirst, long usedSecond, long idsSecond) {
    if (idsSecond <= idsFirst) {
      throw new IllegalArgumentException("the second reading needs more ids than the first");
    }
    return (usedSecond - usedFirst) / (double) (idsSecond - idsFirst) * 1_000_000 / MEGABYTE;
  }

  public void measure(BenchReport report) throws Exception {
    String runName = run.name() + "-heap";
    String topic = "flowwatch." + runName + ".crossings";
    Configuration overrides = new Configuration();
    overrides.set(CommonOptions.STATE_BACKEND, StateBackendKind.HASHMAP);
    FlowAggregationSettings settings = run.watchedFlowAggregation(topic, runName, overrides);
    long first = ids / 2;
    Instant newest = Instant.now().minus(Duration.ofMinutes(1));
    Instant oldest = newest.minus(settings.outOfOrderness());
    try (LocalFlowAggregation job = new LocalFlowAggregation(run, settings)) {
      job.start("bench: deduplication heap");
      long baseline = usedHeapAfterFullGc();
      produce(topic, 0, first, oldest, newest);
      job.awaitAggregated(first, Duration.ofMinutes(30));
      long usedFirst = usedHeapAfterFullGc();
      System.out.printf("heap: %,d ids aggregated, %,.0f MB used after full GC (%,.0f MB before any)%n", first,
          usedFirst / MEGABYTE, baseline / MEGABYTE);
      produce(topic, first, ids, oldest, newest);
      job.awaitAggregated(ids, Duration.ofMinutes(30));
      long usedSecond = usedHeapAfterFullGc();
      System.out.printf("heap: %,d ids aggregated, %,.0f MB used after full GC%n", ids, usedSecond / MEGABYTE);
      long rejected = job.counter(LocalFlowAggregation.REJECTED);
      double perMillion = megabytesPerMillion(usedFirst, first, usedSecond, ids);
      report.figure("heap.per-million-live-dedup-ids", perMillion, "MB", Target.atMost(300), String.format(
          "hashmap backend, parallelism %d, in this JVM (max heap %,d MB); slope of used heap after full GC "
          + "(System.gc() x3, MemoryMXBean; least of 3 readings 1 s apart) between %,d and %,d live ids (%,.0f and "
          + "%,.0f MB), each read once recordsAggregated reached the count; crossings timed within the "
          + "out-of-orderness bound (%s) before %s, so no window closed; %d rejected; includes each id's share of the job's whole state "
          + "(dedup entries, their timers, window state)", run.parallelism(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024), first, ids, usedFirst / MEGABYTE, usedSecond / MEGABYTE,
          settings.outOfOrderness(), newest, rejected));
    }
  }

  /** Crossings numbered [from, to) (distinct ids), timed evenly in [oldest, newest). */
  private void produce(String topic, long from, long to, Instant oldest, Instant newest) {
    AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    CrossingGenerator generator = new CrossingGenerator(11L);
    Properties properties = run.producerProperties(50, 512 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long span = newest.toEpochMilli() - oldest.toEpochMilli();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      for (long i = from; i < to; i++) {
        Instant at = Instant.ofEpochMilli(oldest.toEpochMilli() + (long) ((double) span * (i - from) / (to - from)));
        CheckpointCrossing crossing = generator.crossingAt(i, at);
        producer.send(new ProducerRecord<>(topic, (int) (i % BenchRun.INPUT_PARTITIONS), at.toEpochMilli(),
            crossing.getCheckpointCode(), codec.encode(crossing)), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused benchmark events: " + failure.get().getMessage(), failure.get());
    }
  }

  /** Used heap after full collections: the least of three readings a second apart. */
  static long usedHeapAfterFullGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int reading = 0; reading < 3; reading++) {
      if (reading > 0) {
        Thread.sleep(1000);
      }
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
