package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;

/**
 * Reads a Kafka record into an {@link InputRecord}: it never throws and never drops, so that a value that does not
 * decode reaches the validation step and ends as a rejected record with its coordinates and bytes.
 */
public final class InputRecordDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
  private static final long serialVersionUID = 1L;

  private final SourceKind kind;
  private final AvroCodec<FlowObservation> observations = AvroCodec.of(FlowObservation.class);
  private final AvroCodec<CheckpointCrossing> crossings = AvroCodec.of(CheckpointCrossing.class);

  public InputRecordDeserializer(SourceKind kind) {
    this.kind = kind;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
    out.collect(read(kind, record.topic(), record.partition(), record.offset(), record.value()));
  }

  public InputRecord read(SourceKind kind, String topic, int partition, long offset, byte[] value) {
    InputRecord input = new InputRecord();
    input.kind = kind;
    input.topic = topic;
    input.partition = partition;
    input.offset = offset;
    input.value = value;
    try {
      if (kind == SourceKind.FLOW_MONITORING) {
        input.observation = observations.decode(value);
      } else {
        input.crossing = crossings.decode(value);
      }
    } catch (UndecodableRecordException e) {
      input.decodeFailure = (e.cause() == UndecodableRecordException.Cause.UNKNOWN_WRITER_SCHEMA
          ? RejectReason.UNKNOWN_SCHEMA : RejectReason.UNDECODABLE).name();
      input.decodeMessage = e.getMessage();
    }
    return input;
  }

  @Override
  public TypeInformation<InputRecord> getProducedType() {
    return TypeInformation.of(InputRecord.class);
  }
}
