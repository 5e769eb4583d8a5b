package org.flowwatch.jobs.alertdelivery;

import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.flowwatch.jobs.alertdelivery.channels.RealChannelSender;
import org.flowwatch.jobs.alertdelivery.sinks.DeliveryDocuments;
import org.flowwatch.jobs.alertdelivery.sinks.KafkaChannelRecords;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionRecordDeserializer;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSink;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.jobs.common.kafka.ExactlyOnceKafkaSinks;
import org.flowwatch.jobs.common.kafka.KafkaSources;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.DeadLetterDelivery;
import org.flowwatch.schema.delivery.PendingDelivery;
import org.flowwatch.schema.delivery.SubscriptionUpdate;

/**
 * The real sources, channels and sinks: the alerts topic (read committed) and the subscriptions topic (always from
 * its start: it is compacted, and its whole content is the current set) in; webhooks and SMTP, the subscribers'
 * topics and the dead-letter topic (transactional), and the delivery log index out.
 */
public final class AlertDeliveryConnectors {
  private AlertDeliveryConnectors() {}

  public static AlertDeliveryIo real(AlertDeliverySettings settings) {
    return new AlertDeliveryIo(alertsSource(settings), subscriptionsSource(settings),
        new RealChannelSender.Factory(settings.channels()),
        subscriberTopics(settings),
        ExactlyOnceKafkaSinks.of(settings.kafka(), settings.deadLetterTopic(),
            settings.transactionalIdPrefix() + "-dead-letters", DeadLetterDelivery.class,
            deadLetter -> deadLetter.getMessage().getId() + " " + deadLetter.getChannel()),
        ElasticsearchSink.builder(settings.elasticsearch(), new DeliveryDocuments(settings.deliveriesIndex()),
                settings.rejectedIndex())
            .maxTimeInBuffer(settings.elasticsearchFlushInterval())
            .build());
  }

  /** The topics the job reads and writes, to create before it starts (subscribers' topics: by subscriptions apply). */
  public static List<KafkaTopics.TopicSpec> topics(AlertDeliverySettings settings) {
    return List.of(KafkaTopics.TopicSpec.of(settings.alertsTopic(), 1),
        KafkaTopics.TopicSpec.of(settings.deadLetterTopic(), 1));
  }

  public static KafkaSource<SurgeAlert> alertsSource(AlertDeliverySettings settings) {
    return KafkaSources.<SurgeAlert>readCommitted(settings.kafka())
        .setTopics(settings.alertsTopic())
        .setGroupId(settings.groupId())
        .setStartingOffsets(settings.startingOffsets().initializer())
        .setDeserializer(new AvroValueDeserializer<>(SurgeAlert.class))
        .build();
  }

  public static KafkaSource<SubscriptionUpdate> subscriptionsSource(AlertDeliverySettings settings) {
    return KafkaSources.<SubscriptionUpdate>readCommitted(settings.kafka())
        .setTopics(settings.subscriptionsTopic())
        .setGroupId(settings.groupId() + "-subscriptions")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new SubscriptionRecordDeserializer())
        .build();
  }

  private static KafkaSink<PendingDelivery> subscriberTopics(AlertDeliverySettings settings) {
    return ExactlyOnceKafkaSinks.of(settings.kafka(),
        settings.transactionalIdPrefix() + "-subscriber-topics", new KafkaChannelRecords());
  }
}
