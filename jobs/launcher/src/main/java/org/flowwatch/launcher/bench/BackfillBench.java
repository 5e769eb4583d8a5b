package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.launcher.bench.BenchReport.Target;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.PointKind;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.CrossingGenerator;

/**
 * How long a backfill of a year of history for {@value #POINTS} points takes: a scaled run of {@code days} days at the
 * density of a year of {@value #YEAR_EVENTS} events (one million a day), extrapolated linearly.
 *
 * <p>The {@value #POINTS} points (BF-P001 ... BF-P100) are published to the run's reference topic first; the job
 * (unbounded, defaults otherwise) is started; the history (and, after it, one crossing per partition two hours later,
 * whose watermark closes every window of the history) is written in one Kafka transaction, left open until the job has
 * indexed the {@value #POINTS} points (so it knows them before it reads a crossing: the crossings source reads
 * committed records only), then committed. The backfill runs from the commit until the job has aggregated every
 * crossing and every point-level hourly document of the history's last hour can be found in Elasticsearch.
 */
public final class BackfillBench {
  static final int POINTS = 100;
  static final long YEAR_EVENTS = 365_000_000L;
  static final long EVENTS_PER_DAY = YEAR_EVENTS / 365;
  private static final List<String> ROUTES = List.of("AGADEZ-ALGERIA", "AGADEZ-LIBYA", "KANO-ZINDER",
      "KATSINA-MARADI", "TAHOUA-NIGERIA", "NIAMEY-MALI", "NIAMEY-BURKINA", "GAYA-BENIN");

  private final BenchRun run;
  private final int days;

  public BackfillBench(BenchRun run, int days) {
    this.run = run;
    this.days = days;
  }

  static List<MonitoringPoint> points() {
    List<MonitoringPoint> points = new ArrayList<>();
    for (int i = 1; i <= POINTS; i++) {
      points.add(MonitoringPoint.newBuilder()
          .setCode(String.format("BF-P%03d", i))
          .setName("Backfill point " + i)
          .setKind(PointKind.BORDER_POST)
          .setCountry("NER")
          .setAdminRegion("Backfill")
          .setLatitude(12.0 + i * 0.05)
          .setLongitude(2.0 + i * 0.05)
          .setRoutes(List.of(ROUTES.get(i % ROUTES.size())))
          .build());
    }
    return points;
  }

  public void measure(BenchReport report) throws Exception {
    String runName = run.name() + "-backfill";
    String topic = "flowwatch." + runName + ".crossings";
    FlowAggregationSettings settings = run.watchedFlowAggregation(topic, runName, new Configuration());
    // The history ends at a local midnight (the job's time zone), so its last daily windows close too.
    ZoneOffset zone = settings.timeZone();
    Instant end = LocalDate.now(zone).minusDays(1).atStartOfDay(zone).toInstant();
    Instant start = end.minus(Duration.ofDays(days));
    long events = EVENTS_PER_DAY * days;
    Instant lastHour = end.minus(Duration.ofHours(1));
    try (LocalFlowAggregation job = new LocalFlowAggregation(run, settings)) {
      publishPoints(settings.referenceTopic());
      job.start("bench: backfill");
      Properties properties = run.producerProperties(50, 512 * 1024);
      properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, runName + "-history");
      // The brokers' default transaction.max.timeout.ms: writing the history and waiting for the points must fit in it.
      properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis());
      AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
      CrossingGenerator generator = new CrossingGenerator(13L);
      SplittableRandom pointChoice = new SplittableRandom(17L);
      List<MonitoringPoint> points = points();
      Set<String> lastHourCells = new HashSet<>();
      AtomicReference<Exception> failure = new AtomicReference<>();
      long committed;
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
          new ByteArraySerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        long producing = System.nanoTime();
        System.out.printf("backfill: writing %,d crossings at %d points, %s to %s, in one transaction ...%n", events,
            POINTS, start, end);
        for (long i = 0; i <= events + BenchRun.INPUT_PARTITIONS - 1; i++) {
          CheckpointCrossing crossing;
          if (i < events) {
            crossing = generator.crossing(i, events, start, end);
            crossing.setCheckpointCode(points.get(pointChoice.nextInt(POINTS)).getCode());
            if (!crossing.getCrossedAt().isBefore(lastHour)) {
              lastHourCells.add(crossing.getCheckpointCode() + "|"
                  + (crossing.getDirection() == CrossingDirection.ENTRY ? "IN" : "OUT") + "|" + crossing.getNationality());
            }
          } else {
            // After the history, on every partition: moves the watermark past the history's end.
            crossing = generator.crossingAt(i, end.plus(Duration.ofHours(2)));
            crossing.setCheckpointCode(points.get(0).getCode());
          }
          producer.send(new ProducerRecord<>(topic, (int) (i % BenchRun.INPUT_PARTITIONS),
              crossing.getCrossedAt().toEpochMilli(), crossing.getCheckpointCode(), codec.encode(crossing)),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
              });
        }
        producer.flush();
        if (failure.get() != null) {
          throw new IllegalStateException("Kafka refused benchmark events: " + failure.get().getMessage(),
              failure.get());
        }
        System.out.printf("backfill: written in %.1f s; waiting for the job to know the %d points%n",
            (System.nanoTime() - producing) / 1e9, POINTS);
        job.awaitCondition(POINTS + " points indexed", Duration.ofMinutes(2), () -> {
          try {
            return job.searchableDocuments(settings.pointsIndex()) >= POINTS;
          } catch (java.io.IOException e) {
            return false;
          }
        });
        committed = System.nanoTime();
        producer.commitTransaction();
      }
      long total = events + BenchRun.INPUT_PARTITIONS;
      int expected = lastHourCells.size();
      long[] done = new long[1];
      job.awaitCondition("the backfill to be aggregated and searchable", Duration.ofHours(2), () -> {
        try {
          if (job.counter(LocalFlowAggregation.AGGREGATED) < total
              || job.searchableHourlyPointDocuments(end) < expected) {
            return false;
          }
          done[0] = System.nanoTime();
          return true;
        } catch (Exception e) {
          return false;
        }
      });
      long millis = (done[0] - committed) / 1_000_000;
      long rejected = job.counter(LocalFlowAggregation.REJECTED);
      double rate = Extrapolation.rate(total, millis);
      double minutes = Extrapolation.minutesFor(YEAR_EVENTS, total, millis);
      System.out.printf("backfill: %,d crossings in %.1f s (%,.0f events/s), %d rejected%n", total, millis / 1000.0,
          rate, rejected);
      report.figure("backfill.scaled.events", total, "events", null, String.format(
          "%d days (%s to %s) of %,d crossings a day at %d points, + %d closing crossings", days, start, end,
          EVENTS_PER_DAY, POINTS, BenchRun.INPUT_PARTITIONS));
      report.figure("backfill.scaled.seconds", millis / 1000.0, "s", null,
          "from the commit of the history's transaction to all crossings aggregated (recordsAggregated) and all "
              + expected + " point-level HOURLY documents of its last hour searchable (polled every 200 ms)");
      report.figure("backfill.scaled.rate", rate, "events/s", null, null);
      report.figure("backfill.year-of-100-points", minutes, "minutes", Target.atMost(10), String.format(
          "linear extrapolation: %,d events / %,.0f events/s (the scaled run's rate) / 60; the scaled run's job "
              + "was started before (its start-up is not in it); its deduplication state holds the ids of %s of "
              + "history (allowed lateness %s)%s; parallelism %d, checkpoints every %s, default state backend; %d "
              + "records rejected%s",
          YEAR_EVENTS, rate, days < settings.allowedLateness().toDays() ? days + " days" : "the last "
              + settings.allowedLateness().toDays() + " days", settings.allowedLateness(),
          days < settings.allowedLateness().toDays() ? ", less than a year's backfill carries" : ", as a year's would",
          run.parallelism(), run.checkpointInterval(), rejected,
          rejected > 0 ? " (NOT expected: the points were not all known)" : ""));
    }
  }

  private void publishPoints(String topic) {
    AvroCodec<MonitoringPoint> codec = AvroCodec.of(MonitoringPoint.class);
    Properties properties = run.kafka().clientProperties();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      for (MonitoringPoint point : points()) {
        producer.send(new ProducerRecord<>(topic, point.getCode(), codec.encode(point)));
      }
      producer.flush();
    }
  }
}
