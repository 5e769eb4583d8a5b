package org.flowwatch.jobs.common.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
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
  public static final ConfigOption<Integer> PARALLELISM = key("parallelism").intType().defaultValue(2)
      .withDescription("Parallelism of every operator.");
}
