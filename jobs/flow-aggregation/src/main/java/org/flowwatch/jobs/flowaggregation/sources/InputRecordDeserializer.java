package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.jobs.flowaggregation.validation.Rejection;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;

/**
 * Reads a Kafka record into an {@link InputRecord} and applies the rules that do not depend on the watermark, with
 * one reading of the clock: the timestamp assigner and the validation step then agree on every record, and one that
 * fails here (undecodable, unknown schema, invalid, in the future) gets no event time. It never throws and never
 * drops, so every record reaches the validation step and ends as counted or rejected with its coordinates.
 */
public final class InputRecordDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
  private static final long serialVersionUID = 1L;

  private final SourceKind kind;
  private final RecordRules rules;
  private final AvroCodec<FlowObservation> observations = AvroCodec.of(FlowObservation.class);
  private final AvroCodec<CheckpointCrossing> crossings = AvroCodec.of(CheckpointCrossing.class);

  public InputRecordDeserializer(SourceKind kind, RecordRules rules) {
    this.kind = kind;
    this.rules = rules;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
    out.collect(read(record.topic(), record.partition(), record.offset(), record.value(), System.currentTimeMillis()));
  }

  /** Decodes and checks one value read at {@code readAtMillis}. */
  public InputRecord read(String topic, int partition, long offset, byte[] value, long readAtMillis) {
    InputRecord input = new InputRecord();
    input.kind = kind;
    input.topic = topic;
    input.partition = partition;
    input.offset = offset;
    input.value = value;
    try {
      if (kind == SourceKind.FLOW_MONITORING) {
        input.observation = observations.decode(value);
        reject(input, rules.check(input.observation, readAtMillis));
      } else {
        input.crossing = crossings.decode(value);
        reject(input, rules.check(input.crossing, readAtMillis));
      }
    } catch (UndecodableRecordException e) {
      reject(input, new Rejection(e.cause() == UndecodableRecordException.Cause.UNKNOWN_WRITER_SCHEMA
          ? RejectReason.UNKNOWN_SCHEMA : RejectReason.UNDECODABLE, e.getMessage()));
    }
    return input;
  }

  private static void reject(InputRecord input, Rejection rejection) {
    if (rejection != null) {
      input.rejectReason = rejection.reason();
      input.rejectMessage = rejection.message();
    }
  }

  @Override
  public TypeInformation<InputRecord> getProducedType() {
    return TypeInformation.of(InputRecord.class);
  }
}
