package org.flowwatch.jobs.flowaggregation;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSink;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.jobs.flowaggregation.functions.EmitFlowAggregate;
import org.flowwatch.jobs.flowaggregation.functions.FlowCountsAggregate;
import org.flowwatch.jobs.flowaggregation.functions.SplitIntoMovements;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.WindowGranularity;

/**
 * Flow aggregation: FlowObservations from Kafka, split per nationality, counted in hourly event-time windows per
 * (point, direction, nationality), indexed into Elasticsearch. The topology takes its source and sink as arguments so
 * tests can swap them; {@link #main} wires the real ones.
 */
public final class FlowAggregationJob {
  public static final String NAME = "flowwatch flow aggregation";
  /** Hourly tumbling event-time windows (UTC hours; Niger's UTC+1 local hours align with them). */
  public static final TumblingEventTimeWindows HOURLY_WINDOWS = TumblingEventTimeWindows.of(Duration.ofHours(1));

  private FlowAggregationJob() {}

  public static void main(String[] args) throws Exception {
    FlowAggregationSettings settings = FlowAggregationSettings.from(JobArguments.parse(args, FlowAggregationOptions.ALL));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(environmentConfiguration());
    configure(env, settings);
    defineTopology(env, settings, kafkaSource(settings), elasticsearchSink(settings));
    env.execute(NAME);
  }

  /** Job-wide settings: parallelism, exactly-once checkpoints, and no Kryo fallback for our types. */
  public static Configuration environmentConfiguration() {
    Configuration configuration = new Configuration();
    configuration.set(PipelineOptions.GENERIC_TYPES, false);
    return configuration;
  }

  public static void configure(StreamExecutionEnvironment env, FlowAggregationSettings settings) {
    env.setParallelism(settings.parallelism());
    env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }

  public static void defineTopology(StreamExecutionEnvironment env, FlowAggregationSettings settings,
      Source<FlowObservation, ?, ?> source, Sink<FlowAggregate> sink) {
    WatermarkStrategy<FlowObservation> watermarks = WatermarkStrategy
        .<FlowObservation>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((observation, previous) -> observation.getObservedAt().toEpochMilli())
        .withIdleness(settings.idleness());

    env.fromSource(source, watermarks, "flow observations").uid("flow-observations-source")
        .flatMap(new SplitIntoMovements(), TypeInformation.of(Movement.class))
        .name("split into movements").uid("split-into-movements")
        .keyBy(Movement::key, TypeInformation.of(FlowKey.class))
        .window(HOURLY_WINDOWS)
        .allowedLateness(settings.allowedLateness())
        .aggregate(new FlowCountsAggregate(), new EmitFlowAggregate(WindowGranularity.HOURLY),
            TypeInformation.of(FlowCounts.class), TypeInformation.of(FlowCounts.class), TypeInformation.of(FlowAggregate.class))
        .name("hourly flows").uid("hourly-flows")
        .sinkTo(sink).name("elasticsearch: hourly flows").uid("elasticsearch-hourly-flows");
  }

  public static KafkaSource<FlowObservation> kafkaSource(FlowAggregationSettings settings) {
    KafkaSourceBuilder<FlowObservation> builder = KafkaSource.<FlowObservation>builder()
        .setBootstrapServers(settings.kafkaBootstrapServers())
        .setTopics(settings.observationsTopic())
        .setGroupId(settings.groupId())
        .setStartingOffsets(switch (settings.startingOffsets()) {
          case EARLIEST -> OffsetsInitializer.earliest();
          case LATEST -> OffsetsInitializer.latest();
          case COMMITTED -> OffsetsInitializer.committedOffsets(
              org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
        })
        .setDeserializer(new AvroValueDeserializer<>(FlowObservation.class))
        .setProperty("isolation.level", "read_committed");
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static ElasticsearchSink<FlowAggregate> elasticsearchSink(FlowAggregationSettings settings) {
    return ElasticsearchSink.builder(settings.elasticsearchUrl(), new FlowAggregateDocuments(settings.hourlyIndex()))
        .maxTimeInBuffer(settings.elasticsearchFlushInterval())
        .build();
  }
}
