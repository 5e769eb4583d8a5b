package org.flowwatch.jobs.alertdelivery.sinks;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.delivery.PendingDelivery;

/**
 * A Kafka channel's record: the alert (a SurgeAlert, Avro single-object encoded as on flowwatch.alerts) under its
 * id, to the topic the subscription names.
 */
public final class KafkaChannelRecords implements KafkaRecordSerializationSchema<PendingDelivery> {
  private static final long serialVersionUID = 1L;
  private transient AvroCodec<SurgeAlert> codec;

  @Override
  public ProducerRecord<byte[], byte[]> serialize(PendingDelivery delivery, KafkaSinkContext context, Long timestamp) {
    if (codec == null) {
      codec = AvroCodec.of(SurgeAlert.class);
    }
    ChannelNames channel = ChannelNames.parse(delivery.getChannel());
    String topic = delivery.getMessage().getSubscription().getKafkaTopics().get(channel.index()).getTopic();
    SurgeAlert alert = delivery.getMessage().getChanges().get(0).getAlert();
    return new ProducerRecord<>(topic, alert.getId().getBytes(StandardCharsets.UTF_8), codec.encode(alert));
  }
}
