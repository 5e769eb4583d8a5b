package org.flowwatch.jobs.common.kafka;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kafka record values written with {@link AvroCodec}. A value that does not decode neither stops the job nor
 * vanishes: it is counted ({@value #UNDECODABLE_METRIC}) and logged with its topic, partition and offset.
 */
public final class AvroValueDeserializer<T extends SpecificRecordBase> implements KafkaRecordDeserializationSchema<T> {
  public static final String UNDECODABLE_METRIC = "undecodableRecords";
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AvroValueDeserializer.class);

  private final AvroCodec<T> codec;
  private transient Counter undecodable;

  public AvroValueDeserializer(Class<T> recordClass) {
    this.codec = AvroCodec.of(recordClass);
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    undecodable = context.getMetricGroup().counter(UNDECODABLE_METRIC);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
    try {
      out.collect(codec.decode(record.value()));
    } catch (UndecodableRecordException e) {
      undecodable.inc();
      LOG.warn("Skipping undecodable {} at topic {} partition {} offset {} ({}): {}",
          codec.recordClass().getSimpleName(), record.topic(), record.partition(), record.offset(), e.cause(),
          e.getMessage());
    }
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return new AvroTypeInfo<>(codec.recordClass());
  }
}
