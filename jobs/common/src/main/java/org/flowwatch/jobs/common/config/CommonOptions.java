package org.flowwatch.jobs.common.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The options every flowwatch job has, declared once so that they mean the same in each. */
public final class CommonOptions {
  private CommonOptions() {}

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers").stringType()
      .defaultValue("127.0.0.1:9092").withDescription("Kafka bootstrap servers, host:port[,host:port...].");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = key("kafka.starting-offsets")
      .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
      .withDescription("EARLIEST, LATEST, or COMMITTED (the group's committed offsets, else earliest).");
  public static final ConfigOption<Boolean> BOUNDED = key("kafka.bounded").booleanType().defaultValue(false)
      .withDescription("Stop at the offsets that are latest when the job starts (replays and tests), instead of running forever.");
  public static final ConfigOption<String> ELASTICSEARCH_URL = key("elasticsearch.url").stringType()
      .defaultValue("http://127.0.0.1:9200").withDescription("Elasticsearch server URL.");
  public static final ConfigOption<Duration> ELASTICSEARCH_FLUSH_INTERVAL = key("elasticsearch.flush-interval")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Longest time a document waits in the sink buffer before a bulk request is sent.");
  public static final ConfigOption<Duration> IDLENESS = key("watermark.idleness").durationType()
      .defaultValue(Duration.ofMinutes(1)).withDescription("A partition silent this long stops holding back the watermark.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval").durationType()
      .defaultValue(Duration.ofSeconds(30)).withDescription("Interval of exactly-once checkpoints.");
  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT = key("checkpoint.timeout").durationType()
      .defaultValue(Duration.ofMinutes(1)).withDescription("A checkpoint not complete after this long is abandoned and "
          + "counts as failed (an Elasticsearch outage holds checkpoints back: the sink waits for its bulk in flight).");
  public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = key("checkpoint.tolerable-failures").intType()
      .defaultValue(5).withDescription("Consecutive failed checkpoints (e.g. expired during an outage) the job rides out "
          + "before it restarts from the last completed one. Together with checkpoint.interval and checkpoint.timeout "
          + "it bounds how long a Kafka transaction stays open, which must stay below the producer transaction timeout "
          + "(10 min): (tolerable-failures + 2) x max(interval, timeout).");
  /** The checkpoint options, which every job declares together ({@link CheckpointSettings}). */
  public static final List<ConfigOption<?>> CHECKPOINTS = List.of(CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT,
      CHECKPOINT_TOLERABLE_FAILURES);
  public static final ConfigOption<String> REJECTED_INDEX = key("elasticsearch.rejected-index").stringType()
      .defaultValue("flowwatch-rejected").withDescription("Index of rejected input records and of reports of documents "
          + "Elasticsearch refused for good (the data-quality dashboard reads it); must start with flowwatch-rejected "
          + "so that the index template maps it.");
  public static final ConfigOption<Integer> PARALLELISM = key("parallelism").intType().defaultValue(2)
      .withDescription("Parallelism of every operator.");
}
