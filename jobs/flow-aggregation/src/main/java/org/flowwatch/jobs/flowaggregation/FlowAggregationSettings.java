package org.flowwatch.jobs.flowaggregation;

import static org.flowwatch.jobs.common.config.JobArguments.nonBlank;
import static org.flowwatch.jobs.common.config.JobArguments.nonNegativeDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveInt;
import static org.flowwatch.jobs.common.config.JobArguments.read;

import java.io.IOException;
import java.io.Serializable;
import org.flowwatch.jobs.common.config.JobBasics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.CheckpointSettings;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.flowaggregation.privacy.DisclosureRule;
import org.flowwatch.jobs.flowaggregation.privacy.PrivacyKey;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;

/** The validated settings of the flow aggregation job; see {@link FlowAggregationOptions} for what each means. */
public record FlowAggregationSettings(
    KafkaConnection kafka,
    String observationsTopic,
    String crossingsTopic,
    String referenceTopic,
    String aggregatesTopic,
    String rejectedTopic,
    Duration rejectedRetention,
    String transactionalIdPrefix,
    String groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    ElasticsearchConnection elasticsearch,
    String indexPrefix,
    String rejectedIndex,
    String duplicatesIndex,
    String pointsIndex,
    Duration elasticsearchFlushInterval,
    Duration outOfOrderness,
    Duration idleness,
    Duration allowedLateness,
    ZoneOffset timeZone,
    int maxTravellersPerGroup,
    Duration maxFuture,
    int minCellSize,
    PrivacyKey privacyKey,
    CheckpointSettings checkpoints,
    int parallelism) implements Serializable, JobBasics {

  public static FlowAggregationSettings defaults() {
    return from(new Configuration());
  }

  public static FlowAggregationSettings from(Configuration configuration) {
    return from(configuration, System.getenv());
  }

  /**
   * @param environment where {@value PrivacyKey#ENVIRONMENT_VARIABLE} and the Kafka and Elasticsearch secrets
   *     ({@link org.flowwatch.jobs.common.config.CommonOptions#KAFKA_SECURITY}) are looked up
   */
  public static FlowAggregationSettings from(Configuration configuration, Map<String, String> environment) {
    String indexPrefix = JobArguments.indexName(configuration, FlowAggregationOptions.INDEX_PREFIX, "flowwatch-flows");
    ZoneOffset timeZone = JobArguments.wholeHourOffset(configuration, FlowAggregationOptions.TIME_ZONE);
    return new FlowAggregationSettings(
        KafkaConnection.from(configuration, environment),
        nonBlank(configuration, FlowAggregationOptions.OBSERVATIONS_TOPIC),
        nonBlank(configuration, FlowAggregationOptions.CROSSINGS_TOPIC),
        nonBlank(configuration, FlowAggregationOptions.REFERENCE_TOPIC),
        nonBlank(configuration, FlowAggregationOptions.AGGREGATES_TOPIC),
        nonBlank(configuration, FlowAggregationOptions.REJECTED_TOPIC),
        positiveDuration(configuration, FlowAggregationOptions.REJECTED_RETENTION),
        nonBlank(configuration, FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX),
        nonBlank(configuration, FlowAggregationOptions.GROUP_ID),
        read(configuration, FlowAggregationOptions.STARTING_OFFSETS),
        read(configuration, FlowAggregationOptions.BOUNDED),
        ElasticsearchConnection.from(configuration, environment),
        indexPrefix,
        JobArguments.indexName(configuration, FlowAggregationOptions.REJECTED_INDEX, "flowwatch-rejected"),
        JobArguments.indexName(configuration, FlowAggregationOptions.DUPLICATES_INDEX, "flowwatch-duplicates"),
        JobArguments.indexName(configuration, FlowAggregationOptions.POINTS_INDEX, "flowwatch-points"),
        positiveDuration(configuration, FlowAggregationOptions.ELASTICSEARCH_FLUSH_INTERVAL),
        nonNegativeDuration(configuration, FlowAggregationOptions.OUT_OF_ORDERNESS),
        positiveDuration(configuration, FlowAggregationOptions.IDLENESS),
        nonNegativeDuration(configuration, FlowAggregationOptions.ALLOWED_LATENESS),
        timeZone,
        positiveInt(configuration, FlowAggregationOptions.MAX_TRAVELLERS_PER_GROUP),
        positiveDuration(configuration, FlowAggregationOptions.MAX_FUTURE),
        minCellSize(configuration),
        privacyKey(configuration, environment),
        CheckpointSettings.from(configuration),
        positiveInt(configuration, FlowAggregationOptions.PARALLELISM));
  }

  private static int minCellSize(Configuration configuration) {
    int size = read(configuration, FlowAggregationOptions.MIN_CELL_SIZE);
    if (size < DisclosureRule.SMALLEST_MINIMUM_CELL_SIZE) {
      throw new InvalidOptionException(FlowAggregationOptions.MIN_CELL_SIZE.key(), "must be at least "
          + DisclosureRule.SMALLEST_MINIMUM_CELL_SIZE + " (a cell of one person identifies that person), was " + size);
    }
    return size;
  }

  private static PrivacyKey privacyKey(Configuration configuration, Map<String, String> environment) {
    Optional<Path> file = configuration.getOptional(FlowAggregationOptions.PRIVACY_KEY_FILE).map(Path::of);
    try {
      return PrivacyKey.load(file, environment);
    } catch (IOException | IllegalArgumentException e) {
      // The message names the file or the variable, never the key.
      throw new InvalidOptionException(FlowAggregationOptions.PRIVACY_KEY_FILE.key(), "no usable key: " + e.getMessage());
    }
  }

  public DisclosureRule disclosureRule() {
    return new DisclosureRule(minCellSize, privacyKey);
  }

  public RecordRules recordRules() {
    return new RecordRules(maxTravellersPerGroup, maxFuture, allowedLateness);
  }
}
