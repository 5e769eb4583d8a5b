package org.flowwatch.schema.codec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encodes and decodes one record type as Avro single-object encoding: a two-byte marker, the 8-byte CRC-64-AVRO
 * fingerprint of the writer schema, then Avro binary. The fingerprint tells the writer schema without a schema registry;
 * the codec resolves it against the current schema and every frozen schema of {@link SchemaHistory}, so records written
 * by any released version still decode into the current generated class.
 *
 * <p>Serializable so that Flink functions can carry it; the Avro encoder and decoder are rebuilt lazily after shipping.
 */
public final class AvroCodec<T extends SpecificRecordBase> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<T> recordClass;
  private transient BinaryMessageEncoder<T> encoder;
  private transient BinaryMessageDecoder<T> decoder;

  private AvroCodec(Class<T> recordClass) {
    this.recordClass = Objects.requireNonNull(recordClass, "recordClass");
  }

  public static <T extends SpecificRecordBase> AvroCodec<T> of(Class<T> recordClass) {
    return new AvroCodec<>(recordClass);
  }

  public Class<T> recordClass() {
    return recordClass;
  }

  public Schema schema() {
    return SpecificData.get().getSchema(recordClass);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder().encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + recordClass.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one Kafka record value.
   *
   * @throws UndecodableRecordException naming why: not single-object encoded, unknown writer schema, or corrupt body.
   */
  public T decode(byte[] bytes) throws UndecodableRecordException {
    if (bytes == null) {
      throw new UndecodableRecordException(UndecodableRecordException.Cause.NOT_SINGLE_OBJECT, "record value is null");
    }
    try {
      return decoder().decode(bytes);
    } catch (MissingSchemaException e) {
      throw new UndecodableRecordException(UndecodableRecordException.Cause.UNKNOWN_WRITER_SCHEMA,
          "writer schema unknown to this version of " + recordClass.getSimpleName() + ": " + e.getMessage());
    } catch (BadHeaderException e) {
      throw new UndecodableRecordException(UndecodableRecordException.Cause.NOT_SINGLE_OBJECT,
          "not Avro single-object encoded (" + e.getMessage() + ")");
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
      throw new UndecodableRecordException(UndecodableRecordException.Cause.CORRUPT_BODY,
          "corrupt " + recordClass.getSimpleName() + " body: " + e);
    }
  }

  private BinaryMessageEncoder<T> encoder() {
    if (encoder == null) {
      encoder = new BinaryMessageEncoder<>(model(), schema());
    }
    return encoder;
  }

  private BinaryMessageDecoder<T> decoder() {
    if (decoder == null) {
      SchemaStore.Cache released = new SchemaStore.Cache();
      SchemaHistory.released(recordClass.getSimpleName()).forEach(released::addSchema);
      decoder = new BinaryMessageDecoder<>(model(), schema(), released);
    }
    return decoder;
  }

  private SpecificData model() {
    return SpecificData.getForClass(recordClass);
  }
}
