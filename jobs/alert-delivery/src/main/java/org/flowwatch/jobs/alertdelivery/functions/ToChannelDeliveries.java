package org.flowwatch.jobs.alertdelivery.functions;

import java.util.List;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.PendingDelivery;

/**
 * One delivery per channel of the message's subscription: webhooks and emails to the retrying delivery step, Kafka
 * channels to the side output that the transactional sink writes, one record per alert change (a Kafka subscriber
 * consumes alerts, not messages).
 */
public final class ToChannelDeliveries extends ProcessFunction<AlertMessage, PendingDelivery> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<PendingDelivery> KAFKA = new OutputTag<>("kafka-channels",
      new AvroTypeInfo<>(PendingDelivery.class));

  @Override
  public void processElement(AlertMessage message, Context context, Collector<PendingDelivery> out) {
    for (ChannelNames channel : ChannelNames.of(message.getSubscription())) {
      if (channel.type() == ChannelType.KAFKA) {
        for (AlertChange change : message.getChanges()) {
          // Its own id, as if it had been sent alone: the delivery log keys on it.
          AlertMessage single = AlertMessage.newBuilder(message)
              .setId(MessageIds.of(message.getSubscription().getId(), change.getAlert().getId(),
                  change.getAlert().getRevision()))
              .setChanges(List.of(change))
              .build();
          context.output(KAFKA, pending(single, channel));
        }
      } else {
        out.collect(pending(message, channel));
      }
    }
  }

  private static PendingDelivery pending(AlertMessage message, ChannelNames channel) {
    return PendingDelivery.newBuilder()
        .setMessage(message)
        .setChannel(channel.toString())
        .setAttempts(0)
        .setFirstAttemptAt(message.getPlannedAt())
        .setNextAttemptAt(message.getPlannedAt())
        .build();
  }
}
