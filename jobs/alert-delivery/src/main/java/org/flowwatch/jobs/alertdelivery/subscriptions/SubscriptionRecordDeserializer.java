package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.jobs.common.kafka.AvroValueDeserializer;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;
import org.flowwatch.schema.delivery.SubscriptionRecord;
import org.flowwatch.schema.delivery.SubscriptionUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the subscriptions topic for the job: each record as a {@link SubscriptionUpdate} with its key, a tombstone as
 * an update without a record (the subscription under the key is removed). A record without a key, or whose value does
 * not decode, is counted ({@value AvroValueDeserializer#UNDECODABLE_METRIC}) and logged, never fatal.
 */
public final class SubscriptionRecordDeserializer implements KafkaRecordDeserializationSchema<SubscriptionUpdate> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRecordDeserializer.class);

  private final AvroCodec<SubscriptionRecord> codec = AvroCodec.of(SubscriptionRecord.class);
  private transient Counter undecodable;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    undecodable = context.getMetricGroup().counter(AvroValueDeserializer.UNDECODABLE_METRIC);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SubscriptionUpdate> out) {
    if (record.key() == null) {
      skip(record, "no key");
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      out.collect(new SubscriptionUpdate(key, null));
      return;
    }
    try {
      out.collect(new SubscriptionUpdate(key, codec.decode(record.value())));
    } catch (UndecodableRecordException e) {
      skip(record, e.cause() + ": " + e.getMessage());
    }
  }

  private void skip(ConsumerRecord<byte[], byte[]> record, String why) {
    undecodable.inc();
    LOG.warn("Skipping subscriptions record at topic {} partition {} offset {}: {}", record.topic(),
        record.partition(), record.offset(), why);
  }

  @Override
  public TypeInformation<SubscriptionUpdate> getProducedType() {
    return new AvroTypeInfo<>(SubscriptionUpdate.class);
  }
}
