package org.flowwatch.jobs.flowaggregation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.avro.specific.SpecificRecordBase;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSink;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSinkBuilder;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.flowwatch.jobs.common.kafka.KafkaRecordFields;
import org.flowwatch.jobs.common.kafka.KafkaSources;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.sinks.DuplicateDocuments;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.jobs.flowaggregation.sinks.MonitoringPointDocuments;
import org.flowwatch.jobs.flowaggregation.sinks.RejectedRecordDocuments;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SourceKind;

/** The real sources and sinks of the flow aggregation job: Kafka in, Elasticsearch and transactional Kafka out. */
public final class FlowAggregationConnectors {
  private FlowAggregationConnectors() {}

  public static FlowAggregationIo real(FlowAggregationSettings settings) {
    return new FlowAggregationIo(
        inputSource(settings, settings.observationsTopic(), SourceKind.FLOW_MONITORING),
        inputSource(settings, settings.crossingsTopic(), SourceKind.BORDER_CROSSING),
        monitoringPointsSource(settings),
        elasticsearchSink(settings, false),
        elasticsearchSink(settings, true),
        kafkaSink(settings, settings.aggregatesTopic(), "aggregates", FlowAggregate.class, FlowAggregateDocuments::documentId),
        kafkaSink(settings, settings.rejectedTopic(), "rejected", RejectedRecord.class,
            RejectedRecordDocuments::documentId),
        elasticsearchSink(settings, new RejectedRecordDocuments(settings.rejectedIndex())).build(),
        elasticsearchSink(settings, new DuplicateDocuments(settings.duplicatesIndex(), settings.privacyKey())).build(),
        elasticsearchSink(settings, new MonitoringPointDocuments(settings.pointsIndex())).build());
  }

  /** The topics the job reads and writes, to create before it starts (a missing topic makes it restart forever). */
  public static List<KafkaTopics.TopicSpec> topics(FlowAggregationSettings settings) {
    return List.of(
        KafkaTopics.TopicSpec.of(settings.observationsTopic(), 4),
        KafkaTopics.TopicSpec.of(settings.crossingsTopic(), 4),
        new KafkaTopics.TopicSpec(settings.referenceTopic(), 1, Map.of("cleanup.policy", "compact")),
        KafkaTopics.TopicSpec.of(settings.aggregatesTopic(), 2),
        new KafkaTopics.TopicSpec(settings.rejectedTopic(), 1, boundedRetention(settings.rejectedRetention())));
  }

  /**
   * Topic configs that delete a record once it is older than {@code retention} (the rejected records carry the
   * original bytes, which can identify a person). Age counts from when the broker appended the record, not from the
   * input's event time, which a replay of history would make years old. Kafka deletes whole segments, so segments roll
   * at least daily: a record is gone at most a day after its retention.
   */
  static Map<String, String> boundedRetention(Duration retention) {
    long retentionMillis = retention.toMillis();
    return Map.of(
        "cleanup.policy", "delete",
        "retention.ms", String.valueOf(retentionMillis),
        "segment.ms", String.valueOf(Math.min(retentionMillis, Duration.ofDays(1).toMillis())),
        "message.timestamp.type", "LogAppendTime");
  }

  public static KafkaSource<InputRecord> inputSource(FlowAggregationSettings settings, String topic, SourceKind kind) {
    KafkaSourceBuilder<InputRecord> builder = KafkaSources.<InputRecord>readCommitted(settings.kafka())
        .setTopics(topic)
        .setGroupId(settings.groupId())
        .setStartingOffsets(settings.startingOffsets().initializer())
        .setDeserializer(new InputRecordDeserializer(kind, settings.recordRules()));
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** The whole compacted reference topic, every time: it is the current registry. */
  public static KafkaSource<MonitoringPoint> monitoringPointsSource(FlowAggregationSettings settings) {
    KafkaSourceBuilder<MonitoringPoint> builder = KafkaSources.<MonitoringPoint>readCommitted(settings.kafka())
        .setTopics(settings.referenceTopic())
        .setGroupId(settings.groupId() + "-reference")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new AvroValueDeserializer<>(MonitoringPoint.class));
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static ElasticsearchSink<FlowAggregate> elasticsearchSink(FlowAggregationSettings settings, boolean published) {
    return elasticsearchSink(settings, new FlowAggregateDocuments(settings.indexPrefix(), published)).build();
  }

  /** An Elasticsearch sink that reports documents Elasticsearch refuses in the job's rejected index. */
  private static <T> ElasticsearchSinkBuilder<T> elasticsearchSink(FlowAggregationSettings settings,
      DocumentConverter<T> documents) {
    return ElasticsearchSink.builder(settings.elasticsearch(), documents, settings.rejectedIndex())
        .maxTimeInBuffer(settings.elasticsearchFlushInterval());
  }

  /** An exactly-once (transactional) Kafka sink of Avro single-object encoded records. */
  public static <T extends SpecificRecordBase> KafkaSink<T> kafkaSink(FlowAggregationSettings settings, String topic,
      String purpose, Class<T> recordClass, KafkaRecordFields.RecordKey<T> key) {
    return ExactlyOnceKafkaSinks.of(settings.kafka(), topic,
        settings.transactionalIdPrefix() + "-" + purpose, recordClass, key);
  }

}
