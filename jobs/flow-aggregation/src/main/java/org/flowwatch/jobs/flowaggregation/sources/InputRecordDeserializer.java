package org.flowwatch.jobs.flowaggregation.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.jobs.flowaggregation.validation.Rejection;
import java.util.List;
import org.flowwatch.jobs.flowaggregation.model.Nationalities;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;

/**
 * Reads a Kafka record into a compact {@link InputRecord} (the decoded Avro record is not kept) and applies the rules that do not depend on the watermark, with
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
        FlowObservation observation = observations.decode(value);
        Rejection rejection = rules.check(observation, readAtMillis);
        if (rejection == null) {
          facts(input, observation);
        }
        reject(input, rejection);
      } else {
        CheckpointCrossing crossing = crossings.decode(value);
        Rejection rejection = rules.check(crossing, readAtMillis);
        if (rejection == null) {
          facts(input, crossing);
        }
        reject(input, rejection);
      }
    } catch (UndecodableRecordException e) {
      reject(input, new Rejection(e.cause() == UndecodableRecordException.Cause.UNKNOWN_WRITER_SCHEMA
          ? RejectReason.UNKNOWN_SCHEMA : RejectReason.UNDECODABLE, e.getMessage()));
    }
    return input;
  }

  private static void facts(InputRecord input, FlowObservation observation) {
    input.pointCode = observation.getPointCode();
    input.recordId = observation.getId();
    input.eventTimeMillis = observation.getObservedAt().toEpochMilli();
    input.direction = (byte) observation.getDirection().ordinal();
    input.transportMode = (byte) observation.getTransportMode().ordinal();
    input.declaredRoute = observation.getRoute();
    input.originCountry = observation.getOrigin().getCountry();
    input.destinationCountry = observation.getDestination().getCountry();
    List<TravellerGroup> groups = observation.getTravellers();
    input.nationalities = new int[groups.size()];
    input.counts = new int[groups.size() * InputRecord.GROUP_FIELDS];
    for (int i = 0; i < groups.size(); i++) {
      TravellerGroup group = groups.get(i);
      Vulnerabilities vulnerabilities = group.getVulnerabilities();
      input.nationalities[i] = Nationalities.pack(group.getNationality());
      int base = i * InputRecord.GROUP_FIELDS;
      input.counts[base + InputRecord.MEN] = group.getMen();
      input.counts[base + InputRecord.WOMEN] = group.getWomen();
      input.counts[base + InputRecord.BOYS] = group.getBoys();
      input.counts[base + InputRecord.GIRLS] = group.getGirls();
      input.counts[base + InputRecord.UNSPECIFIED] = group.getUnspecified();
      input.counts[base + InputRecord.CHILDREN_UNDER_5] = vulnerabilities.getChildrenUnder5();
      input.counts[base + InputRecord.ELDERLY] = vulnerabilities.getElderly();
      input.counts[base + InputRecord.WITH_DISABILITY] = vulnerabilities.getWithDisability();
      input.counts[base + InputRecord.PREGNANT_WOMEN] = vulnerabilities.getPregnantWomen();
      input.counts[base + InputRecord.UNACCOMPANIED_CHILDREN] = vulnerabilities.getUnaccompaniedChildren();
    }
  }

  /** One crossing is one person: one group of one, in the category its sex and age band give. */
  private static void facts(InputRecord input, CheckpointCrossing crossing) {
    input.pointCode = crossing.getCheckpointCode();
    input.recordId = crossing.getId();
    input.eventTimeMillis = crossing.getCrossedAt().toEpochMilli();
    input.direction = (byte) (crossing.getDirection() == CrossingDirection.ENTRY ? Direction.INCOMING : Direction.OUTGOING)
        .ordinal();
    input.transportMode = (byte) TransportMode.OTHER.ordinal();
    input.nationalities = new int[] {Nationalities.pack(crossing.getNationality())};
    input.counts = new int[InputRecord.GROUP_FIELDS];
    AgeBand age = crossing.getAgeBand();
    boolean child = age == AgeBand.UNDER_5 || age == AgeBand.AGE_5_17;
    if (age == AgeBand.UNKNOWN || crossing.getSex() == Sex.UNKNOWN) {
      input.counts[InputRecord.UNSPECIFIED] = 1;
    } else if (crossing.getSex() == Sex.MALE) {
      input.counts[child ? InputRecord.BOYS : InputRecord.MEN] = 1;
    } else {
      input.counts[child ? InputRecord.GIRLS : InputRecord.WOMEN] = 1;
    }
    input.counts[InputRecord.CHILDREN_UNDER_5] = age == AgeBand.UNDER_5 ? 1 : 0;
    input.counts[InputRecord.ELDERLY] = age == AgeBand.AGE_60_PLUS ? 1 : 0;
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
