package org.flowwatch.jobs.flowaggregation;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.StartingOffsets;

/** Every option of the flow aggregation job, declared once: name, type, default (runs on one machine), description. */
public final class FlowAggregationOptions {
  private FlowAggregationOptions() {}

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = CommonOptions.KAFKA_BOOTSTRAP_SERVERS;
  public static final ConfigOption<String> OBSERVATIONS_TOPIC = key("kafka.topic.observations").stringType()
      .defaultValue("flowwatch.flow-observations").withDescription("Topic of FlowObservation records (Avro single-object).");
  public static final ConfigOption<String> CROSSINGS_TOPIC = key("kafka.topic.crossings").stringType()
      .defaultValue("flowwatch.checkpoint-crossings").withDescription("Topic of CheckpointCrossing records (Avro single-object).");
  public static final ConfigOption<String> REFERENCE_TOPIC = key("kafka.topic.reference").stringType()
      .defaultValue("flowwatch.monitoring-points")
      .withDescription("Compacted topic of MonitoringPoint records keyed by point code; changes apply without a restart.");
  public static final ConfigOption<String> AGGREGATES_TOPIC = key("kafka.topic.aggregates").stringType()
      .defaultValue("flowwatch.flow-aggregates").withDescription("Output topic of exact FlowAggregate records (transactional).");
  public static final ConfigOption<String> REJECTED_TOPIC = key("kafka.topic.rejected").stringType()
      .defaultValue("flowwatch.rejected-records").withDescription("Output topic of RejectedRecord records (transactional).");
  public static final ConfigOption<Duration> REJECTED_RETENTION = key("kafka.rejected-retention").durationType()
      .defaultValue(Duration.ofDays(7)).withDescription("How long the rejected-records topic keeps a record (with the "
          + "original bytes, which can identify a person) after it was written; set as the topic's retention.ms when "
          + "the job's topics are created.");
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix").stringType()
      .defaultValue("flowwatch-flow-aggregation")
      .withDescription("Prefix of the Kafka transactional ids of the job's sinks; unique per job deployment.");
  public static final ConfigOption<String> GROUP_ID = key("kafka.group-id").stringType()
      .defaultValue("flowwatch-flow-aggregation").withDescription("Kafka consumer group; offsets are committed on checkpoints.");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = CommonOptions.STARTING_OFFSETS;
  public static final ConfigOption<Boolean> BOUNDED = CommonOptions.BOUNDED;
  public static final ConfigOption<String> ELASTICSEARCH_URL = CommonOptions.ELASTICSEARCH_URL;
  public static final ConfigOption<String> INDEX_PREFIX = key("elasticsearch.index-prefix").stringType()
      .defaultValue("flowwatch-flows").withDescription("Indices are <prefix>-hourly, <prefix>-daily, <prefix>-published-hourly "
          + "and <prefix>-published-daily; the prefix must start with flowwatch-flows so that the index template maps them.");
  public static final ConfigOption<String> REJECTED_INDEX = CommonOptions.REJECTED_INDEX;
  public static final ConfigOption<String> DUPLICATES_INDEX = key("elasticsearch.duplicates-index").stringType()
      .defaultValue("flowwatch-duplicates").withDescription("Index of resent records recognised as duplicates; must "
          + "start with flowwatch-duplicates so that the index template maps it.");
  public static final ConfigOption<String> POINTS_INDEX = key("elasticsearch.points-index").stringType()
      .defaultValue("flowwatch-points").withDescription("Index of the monitoring points the job knows; must start "
          + "with flowwatch-points so that the index template maps it.");
  public static final ConfigOption<Duration> ELASTICSEARCH_FLUSH_INTERVAL = CommonOptions.ELASTICSEARCH_FLUSH_INTERVAL;
  public static final ConfigOption<Duration> OUT_OF_ORDERNESS = key("watermark.out-of-orderness").durationType()
      .defaultValue(Duration.ofMinutes(5)).withDescription("How far event time may go backwards before a record counts as late.");
  public static final ConfigOption<Duration> IDLENESS = CommonOptions.IDLENESS;
  public static final ConfigOption<Duration> ALLOWED_LATENESS = key("window.allowed-lateness").durationType()
      .defaultValue(Duration.ofDays(3))
      .withDescription("Late records within this time after a window closed update it (a new revision of its document).");
  public static final ConfigOption<String> TIME_ZONE = key("window.time-zone").stringType().defaultValue("+01:00")
      .withDescription("UTC offset of the local day that daily windows follow (Niger: +01:00, no daylight saving).");
  public static final ConfigOption<Integer> MAX_TRAVELLERS_PER_GROUP = key("validation.max-travellers-per-group").intType()
      .defaultValue(5_000).withDescription("A nationality group counting more travellers than this is rejected as INVALID_COUNT.");
  public static final ConfigOption<Duration> MAX_FUTURE = key("validation.max-future").durationType()
      .defaultValue(Duration.ofHours(6)).withDescription("A record timed further ahead of the clock is rejected as FUTURE_EVENT_TIME.");
  public static final ConfigOption<Integer> MIN_CELL_SIZE = key("suppression.min-cell-size").intType().defaultValue(5)
      .withDescription("In the published indices, nationalities with fewer travellers at a point and window are grouped "
          + "as OTHER (at least 2); every published count is then randomly rounded to base 5.");
  public static final ConfigOption<String> PRIVACY_KEY_FILE = key("privacy.key-file").stringType().noDefaultValue()
      .withDescription("File holding the secret key (at least 16 bytes) of the keyed hashes (pseudonyms of resent "
          + "records, rounding of published counts). Without it the key comes from the environment variable "
          + "FLOWWATCH_PRIVACY_KEY, else the demo key, which is in the source code and NOT secret.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = CommonOptions.CHECKPOINT_INTERVAL;
  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT = CommonOptions.CHECKPOINT_TIMEOUT;
  public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = CommonOptions.CHECKPOINT_TOLERABLE_FAILURES;
  public static final ConfigOption<Integer> PARALLELISM = CommonOptions.PARALLELISM;

  /** Every option of the job, the shared Kafka and Elasticsearch security options included. */
  public static final List<ConfigOption<?>> ALL = Stream.of(List.<ConfigOption<?>>of(KAFKA_BOOTSTRAP_SERVERS, OBSERVATIONS_TOPIC, CROSSINGS_TOPIC,
      REFERENCE_TOPIC, AGGREGATES_TOPIC, REJECTED_TOPIC, REJECTED_RETENTION, TRANSACTIONAL_ID_PREFIX, GROUP_ID, STARTING_OFFSETS, BOUNDED,
      ELASTICSEARCH_URL, INDEX_PREFIX, REJECTED_INDEX, DUPLICATES_INDEX, POINTS_INDEX,
      ELASTICSEARCH_FLUSH_INTERVAL, OUT_OF_ORDERNESS, IDLENESS, ALLOWED_LATENESS,
      TIME_ZONE, MAX_TRAVELLERS_PER_GROUP, MAX_FUTURE, MIN_CELL_SIZE, PRIVACY_KEY_FILE, CHECKPOINT_INTERVAL,
      CHECKPOINT_TIMEOUT, CHECKPOINT_TOLERABLE_FAILURES, PARALLELISM),
      CommonOptions.KAFKA_SECURITY, CommonOptions.ELASTICSEARCH_SECURITY).flatMap(List::stream).toList();
}
