package org.flowwatch.jobs.flowaggregation;

import static org.flowwatch.jobs.common.config.JobArguments.nonBlank;
import static org.flowwatch.jobs.common.config.JobArguments.nonNegativeDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveInt;
import static org.flowwatch.jobs.common.config.JobArguments.read;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions.StartingOffsets;

/** The validated settings of the flow aggregation job; see {@link FlowAggregationOptions} for what each means. */
public record FlowAggregationSettings(
    String kafkaBootstrapServers,
    String observationsTopic,
    String groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    String elasticsearchUrl,
    String hourlyIndex,
    Duration elasticsearchFlushInterval,
    Duration outOfOrderness,
    Duration idleness,
    Duration allowedLateness,
    Duration checkpointInterval,
    int parallelism) implements Serializable {

  public static FlowAggregationSettings defaults() {
    return from(new Configuration());
  }

  public static FlowAggregationSettings from(Configuration configuration) {
    String url = nonBlank(configuration, FlowAggregationOptions.ELASTICSEARCH_URL);
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new InvalidOptionException(FlowAggregationOptions.ELASTICSEARCH_URL.key(),
          "must be an http:// or https:// URL, was '" + url + "'");
    }
    String hourlyIndex = nonBlank(configuration, FlowAggregationOptions.HOURLY_INDEX);
    if (!hourlyIndex.startsWith("flowwatch-flows-") || !hourlyIndex.equals(hourlyIndex.toLowerCase())) {
      throw new InvalidOptionException(FlowAggregationOptions.HOURLY_INDEX.key(),
          "must be lower case and start with flowwatch-flows- so that the index template maps it, was '" + hourlyIndex + "'");
    }
    return new FlowAggregationSettings(
        nonBlank(configuration, FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS),
        nonBlank(configuration, FlowAggregationOptions.OBSERVATIONS_TOPIC),
        nonBlank(configuration, FlowAggregationOptions.GROUP_ID),
        read(configuration, FlowAggregationOptions.STARTING_OFFSETS),
        read(configuration, FlowAggregationOptions.BOUNDED),
        url,
        hourlyIndex,
        positiveDuration(configuration, FlowAggregationOptions.ELASTICSEARCH_FLUSH_INTERVAL),
        nonNegativeDuration(configuration, FlowAggregationOptions.OUT_OF_ORDERNESS),
        positiveDuration(configuration, FlowAggregationOptions.IDLENESS),
        nonNegativeDuration(configuration, FlowAggregationOptions.ALLOWED_LATENESS),
        positiveDuration(configuration, FlowAggregationOptions.CHECKPOINT_INTERVAL),
        positiveInt(configuration, FlowAggregationOptions.PARALLELISM));
  }
}
