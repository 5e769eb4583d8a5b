package org.flowwatch.jobs.common.kafka;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.flowwatch.schema.codec.AvroCodec;

/** Key and value serialisation of the job's Kafka outputs: a readable key, an Avro single-object value. */
public final class KafkaRecordFields {
  private KafkaRecordFields() {}

  /** The key of an output record, e.g. its document id; serializable as Flink ships it. */
  public interface RecordKey<T> extends Serializable {
    String of(T record);
  }

  /** UTF-8 bytes of the record's key. */
  public static final class Key<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final RecordKey<T> key;

    public Key(RecordKey<T> key) {
      this.key = key;
    }

    @Override
    public byte[] serialize(T record) {
      return key.of(record).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The record as Avro single-object encoding. */
  public static final class Value<T extends SpecificRecordBase> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final AvroCodec<T> codec;

    public Value(Class<T> recordClass) {
      this.codec = AvroCodec.of(recordClass);
    }

    @Override
    public byte[] serialize(T record) {
      return codec.encode(record);
    }
  }
}
