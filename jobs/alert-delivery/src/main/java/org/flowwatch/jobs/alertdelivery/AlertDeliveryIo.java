package org.flowwatch.jobs.alertdelivery;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.flowwatch.jobs.alertdelivery.channels.ChannelSender;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.DeadLetterDelivery;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.PendingDelivery;
import org.flowwatch.schema.delivery.SubscriptionUpdate;

/**
 * The job's sources, channels and sinks, passed in so that tests can swap any of them.
 *
 * @param senders the webhook and email channels (created on the task managers)
 * @param subscriberTopics the Kafka channels: each subscriber's own topic
 */
public record AlertDeliveryIo(
    Source<SurgeAlert, ?, ?> alerts,
    Source<SubscriptionUpdate, ?, ?> subscriptions,
    ChannelSender.Factory senders,
    Sink<PendingDelivery> subscriberTopics,
    Sink<DeadLetterDelivery> deadLetters,
    Sink<DeliveryAttempt> deliveryLog) {}
