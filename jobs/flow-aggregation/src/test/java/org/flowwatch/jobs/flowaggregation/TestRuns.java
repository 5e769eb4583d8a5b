package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.testing.JobSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.KafkaTestTopics;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;

/**
 * Settings for one run of the job against the real servers, with topics, group, transactional ids and indices of its
 * own (so runs never see each other's data), and the job itself as main wires it.
 */
final class TestRuns {
  private TestRuns() {}

  /** Settings named after {@code name} and a random run id; {@code overrides} are further (option, value) pairs. */
  static FlowAggregationSettings settings(String name, Object... overrides) {
    String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<Object> options = new ArrayList<>(List.of(
        FlowAggregationOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        FlowAggregationOptions.OBSERVATIONS_TOPIC, run + ".observations",
        FlowAggregationOptions.CROSSINGS_TOPIC, run + ".crossings",
        FlowAggregationOptions.REFERENCE_TOPIC, run + ".points",
        FlowAggregationOptions.AGGREGATES_TOPIC, run + ".aggregates",
        FlowAggregationOptions.REJECTED_TOPIC, run + ".rejected",
        FlowAggregationOptions.TRANSACTIONAL_ID_PREFIX, run,
        FlowAggregationOptions.GROUP_ID, run,
        FlowAggregationOptions.BOUNDED, "true",
        FlowAggregationOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        FlowAggregationOptions.INDEX_PREFIX, "flowwatch-flows-" + run,
        FlowAggregationOptions.REJECTED_INDEX, "flowwatch-rejected-" + run,
        FlowAggregationOptions.DUPLICATES_INDEX, "flowwatch-duplicates-" + run,
        FlowAggregationOptions.POINTS_INDEX, "flowwatch-points-" + run));
    options.addAll(Arrays.asList(overrides));
    FlowAggregationSettings settings = FlowAggregationSettings.from(JobSettings.of(options.toArray()));
    KafkaTopics.createIfMissing(settings.kafka(), FlowAggregationConnectors.topics(settings));
    return settings;
  }

  /** Writes the corpus and the reference data to the run's topics, through the run's Kafka connection. */
  static void produce(FlowAggregationSettings settings, MixedCorpus corpus) throws Exception {
    Properties client = settings.kafka().clientProperties();
    KafkaTestTopics.produce(client, settings.observationsTopic(), corpus.observationValues);
    KafkaTestTopics.produce(client, settings.crossingsTopic(), corpus.crossingValues);
    AvroCodec<MonitoringPoint> points = AvroCodec.of(MonitoringPoint.class);
    KafkaTestTopics.produceKeyed(client, settings.referenceTopic(), MonitoringPoints.niger().stream()
        .<Map.Entry<String, byte[]>>map(point -> Map.entry(point.getCode(), points.encode(point))).toList());
  }

  /** The job with its real connectors, configured as main configures it, on the test's MiniCluster. */
  static StreamExecutionEnvironment job(FlowAggregationSettings settings) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
    return env;
  }
}
