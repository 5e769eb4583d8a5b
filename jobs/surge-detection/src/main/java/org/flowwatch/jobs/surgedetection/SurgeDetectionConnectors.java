package org.flowwatch.jobs.surgedetection;

import java.util.List;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSink;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.flowwatch.jobs.common.kafka.KafkaSources;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.jobs.surgedetection.sinks.AlertDocuments;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SurgeAlert;

/** The real source and sinks: the aggregates topic in; a transactional alerts topic and the alerts index out. */
public final class SurgeDetectionConnectors {
  private SurgeDetectionConnectors() {}

  public static SurgeDetectionIo real(SurgeDetectionSettings settings) {
    return new SurgeDetectionIo(aggregatesSource(settings),
        ExactlyOnceKafkaSinks.of(settings.kafka(), settings.alertsTopic(),
            settings.transactionalIdPrefix() + "-alerts", SurgeAlert.class, SurgeAlert::getId),
        ElasticsearchSink.builder(settings.elasticsearch(), new AlertDocuments(settings.alertsIndex()),
                settings.rejectedIndex())
            .maxTimeInBuffer(settings.elasticsearchFlushInterval())
            .build());
  }

  /** The topics the job reads and writes, to create before it starts. */
  public static List<KafkaTopics.TopicSpec> topics(SurgeDetectionSettings settings) {
    return List.of(KafkaTopics.TopicSpec.of(settings.aggregatesTopic(), 2), KafkaTopics.TopicSpec.of(settings.alertsTopic(), 1));
  }

  public static KafkaSource<FlowAggregate> aggregatesSource(SurgeDetectionSettings settings) {
    KafkaSourceBuilder<FlowAggregate> builder = KafkaSources.<FlowAggregate>readCommitted(settings.kafka())
        .setTopics(settings.aggregatesTopic())
        .setGroupId(settings.groupId())
        .setStartingOffsets(settings.startingOffsets().initializer())
        .setDeserializer(new AvroValueDeserializer<>(FlowAggregate.class));
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
