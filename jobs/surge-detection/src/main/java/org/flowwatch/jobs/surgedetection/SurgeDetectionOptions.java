package org.flowwatch.jobs.surgedetection;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.StartingOffsets;

/** Every option of the surge detection job, declared once: name, type, default (runs on one machine), description. */
public final class SurgeDetectionOptions {
  private SurgeDetectionOptions() {}

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = CommonOptions.KAFKA_BOOTSTRAP_SERVERS;
  public static final ConfigOption<String> AGGREGATES_TOPIC = key("kafka.topic.aggregates").stringType()
      .defaultValue("flowwatch.flow-aggregates")
      .withDescription("Topic of FlowAggregate records written by the flow aggregation job (read committed).");
  public static final ConfigOption<String> ALERTS_TOPIC = key("kafka.topic.alerts").stringType()
      .defaultValue("flowwatch.alerts")
      .withDescription("Output topic of SurgeAlert records keyed by alert id (transactional); the latest revision of a key is the episode's state.");
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix").stringType()
      .defaultValue("flowwatch-surge-detection")
      .withDescription("Prefix of the Kafka transactional ids of the job's sink; unique per job deployment.");
  public static final ConfigOption<String> GROUP_ID = key("kafka.group-id").stringType()
      .defaultValue("flowwatch-surge-detection").withDescription("Kafka consumer group; offsets are committed on checkpoints.");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = CommonOptions.STARTING_OFFSETS;
  public static final ConfigOption<Boolean> BOUNDED = CommonOptions.BOUNDED;
  public static final ConfigOption<String> ELASTICSEARCH_URL = CommonOptions.ELASTICSEARCH_URL;
  public static final ConfigOption<String> ALERTS_INDEX = key("elasticsearch.alerts-index").stringType()
      .defaultValue("flowwatch-alerts")
      .withDescription("Index of alert episodes, one document per episode; must start with flowwatch-alerts so that the index template maps it.");
  public static final ConfigOption<String> REJECTED_INDEX = CommonOptions.REJECTED_INDEX;
  public static final ConfigOption<Duration> ELASTICSEARCH_FLUSH_INTERVAL = CommonOptions.ELASTICSEARCH_FLUSH_INTERVAL;
  public static final ConfigOption<Duration> OUT_OF_ORDERNESS = key("watermark.out-of-orderness").durationType()
      .defaultValue(Duration.ofMinutes(10))
      .withDescription("How long after the newest hourly aggregate's window end an older hour may still arrive before it is evaluated without it (what comes later is a late update and re-evaluated).");
  public static final ConfigOption<Duration> IDLENESS = CommonOptions.IDLENESS;
  public static final ConfigOption<String> TIME_ZONE = key("detection.time-zone").stringType().defaultValue("+01:00")
      .withDescription("UTC offset of the local day: the evaluation at its end is the daily one (Niger: +01:00).");
  public static final ConfigOption<String> METHOD = key("detection.method").stringType().defaultValue("farrington")
      .withDescription("Surge detector on the daily series: farrington (day-of-week Farrington-flexible: 8 weeks back, "
          + "weekday factor), ears-c1, ears-c2, ears-c3 or pct-change.");
  public static final ConfigOption<Double> ALPHA = key("detection.alpha").doubleType().defaultValue(0.001)
      .withDescription("Significance level of the farrington and EARS detectors (default chosen with ./flowwatch evaluate).");
  public static final ConfigOption<Integer> NOWCAST_WINDOW_HOURS = key("detection.nowcast-window-hours").intType()
      .defaultValue(24).withDescription("Hours the hourly nowcast compares with the same hours of past days (1..24); "
          + "6 flags surges sooner but raised twice the false alarms in the evaluation.");
  public static final ConfigOption<Integer> FAST_WINDOW_HOURS = key("detection.fast-window-hours").intType()
      .defaultValue(6).withDescription("Hours a second, stricter detector watches against the same hours of past days, "
          + "so a sharp surge opens an alert before it weighs on the 24-hour window (1..23; 0 turns it off).");
  public static final ConfigOption<Double> FAST_ALPHA = key("detection.fast-alpha").doubleType().defaultValue(0.0001)
      .withDescription("Significance level of the fast detector (default chosen with ./flowwatch evaluate).");
  public static final ConfigOption<Double> HYSTERESIS = key("alerts.hysteresis").doubleType().defaultValue(0.5)
      .withDescription("A surge is calm again once under expected + hysteresis x (threshold - expected); 0 = at expected, 1 = at the threshold.");
  public static final ConfigOption<Duration> RESOLVE_AFTER = key("alerts.resolve-after").durationType()
      .defaultValue(Duration.ofHours(6)).withDescription("An episode resolves after its series stayed calm this long (event time).");
  public static final ConfigOption<Duration> COOLDOWN = key("alerts.cooldown").durationType()
      .defaultValue(Duration.ofHours(24))
      .withDescription("After an episode resolved, alarms of the same signal on the series are suppressed this long.");
  public static final ConfigOption<Double> COLLAPSE_MIN_EXPECTED = key("collapse.min-expected").doubleType()
      .defaultValue(20.0).withDescription("A collapse needs at least this many movements expected in the 24 hours.");
  public static final ConfigOption<Double> COLLAPSE_FRACTION = key("collapse.fraction").doubleType().defaultValue(0.3)
      .withDescription("A collapse alarms when at most this fraction of the expected movements arrived in 24 hours.");
  public static final ConfigOption<Double> COLLAPSE_CALM_FRACTION = key("collapse.calm-fraction").doubleType()
      .defaultValue(0.6).withDescription("A collapse is calm again once the count is back above this fraction of expected.");
  public static final ConfigOption<Duration> SILENCE_AFTER = key("silence.after").durationType()
      .defaultValue(Duration.ofHours(12))
      .withDescription("A point that normally reports is silent when nothing arrived for this long (processing time).");
  public static final ConfigOption<Integer> SILENCE_MIN_ACTIVE_DAYS = key("silence.min-active-days").intType()
      .defaultValue(4).withDescription("A point normally reports when it had data on at least this many of the last 7 days.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = CommonOptions.CHECKPOINT_INTERVAL;
  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT = CommonOptions.CHECKPOINT_TIMEOUT;
  public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = CommonOptions.CHECKPOINT_TOLERABLE_FAILURES;
  public static final ConfigOption<Integer> PARALLELISM = CommonOptions.PARALLELISM;

  /** Every option of the job, the shared Kafka and Elasticsearch security options included. */
  public static final List<ConfigOption<?>> ALL = Stream.of(List.<ConfigOption<?>>of(KAFKA_BOOTSTRAP_SERVERS, AGGREGATES_TOPIC, ALERTS_TOPIC,
      TRANSACTIONAL_ID_PREFIX, GROUP_ID, STARTING_OFFSETS, BOUNDED, ELASTICSEARCH_URL, ALERTS_INDEX,
      REJECTED_INDEX, ELASTICSEARCH_FLUSH_INTERVAL, OUT_OF_ORDERNESS, IDLENESS, TIME_ZONE, METHOD, ALPHA, NOWCAST_WINDOW_HOURS, FAST_WINDOW_HOURS,
      FAST_ALPHA, HYSTERESIS, RESOLVE_AFTER,
      COOLDOWN, COLLAPSE_MIN_EXPECTED, COLLAPSE_FRACTION, COLLAPSE_CALM_FRACTION, SILENCE_AFTER,
      SILENCE_MIN_ACTIVE_DAYS, CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT, CHECKPOINT_TOLERABLE_FAILURES, PARALLELISM),
      CommonOptions.KAFKA_SECURITY, CommonOptions.ELASTICSEARCH_SECURITY).flatMap(List::stream).toList();
}
