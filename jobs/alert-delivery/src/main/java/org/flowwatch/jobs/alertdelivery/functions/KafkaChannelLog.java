package org.flowwatch.jobs.alertdelivery.functions;

import org.apache.flink.api.common.functions.MapFunction;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.DeliveryOutcome;
import org.flowwatch.schema.delivery.PendingDelivery;

/**
 * The delivery log's record of a Kafka channel delivery: the alert was handed to the transactional sink, which writes
 * it with the checkpoint that commits it (no retries of its own: the sink and the job's restarts see to it). The log
 * entry itself goes to Elasticsearch at once, before that commit; after a restart it is written again under the same
 * id.
 */
public final class KafkaChannelLog implements MapFunction<PendingDelivery, DeliveryAttempt> {
  private static final long serialVersionUID = 1L;

  @Override
  public DeliveryAttempt map(PendingDelivery delivery) {
    return DeliveryLog.attempt(delivery.getMessage(), ChannelNames.parse(delivery.getChannel()), 1,
        DeliveryOutcome.DELIVERED, null, null, 0, delivery.getMessage().getPlannedAt().toEpochMilli(), null);
  }
}
