package org.flowwatch.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Place;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
  private final AvroCodec<FlowObservation> codec = AvroCodec.of(FlowObservation.class);

  static FlowObservation observation() {
    return FlowObservation.newBuilder()
        .setId("obs-1")
        .setPointCode("NE-AGZ-01")
        .setObservedAt(Instant.parse("2024-01-15T08:30:00Z"))
        .setDirection(Direction.OUTGOING)
        .setOrigin(Place.newBuilder().setCountry("NER").setLocality("Agadez").build())
        .setDestination(Place.newBuilder().setCountry("LBY").setLocality("Sebha").build())
        .setTransportMode(TransportMode.TRUCK)
        .setTravellers(List.of(TravellerGroup.newBuilder().setNationality("NGA").setMen(12).setWomen(3).setBoys(1)
            .setGirls(0).setVulnerabilities(Vulnerabilities.newBuilder().setChildrenUnder5(1).build()).build()))
        .setReason(MovementReason.LONG_TERM_ECONOMIC)
        .build();
  }

  @Test
  void roundTripsARecordThroughSingleObjectEncoding() throws Exception {
    byte[] bytes = codec.encode(observation());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(observation());
  }

  @Test
  void rejectsBytesThatAreNotSingleObjectEncoded() {
    byte[] json = "{\"id\":\"obs-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.cause()).isEqualTo(UndecodableRecordException.Cause.NOT_SINGLE_OBJECT));
  }

  @Test
  void rejectsANullValue() {
    assertThatThrownBy(() -> codec.decode(null))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.cause()).isEqualTo(UndecodableRecordException.Cause.NOT_SINGLE_OBJECT));
  }

  @Test
  void rejectsAWriterSchemaItHasNeverSeen() throws Exception {
    Schema stranger = SchemaBuilder.record("Stranger").namespace("elsewhere").fields().requiredString("x").endRecord();
    GenericRecord record = new GenericData.Record(stranger);
    record.put("x", "hello");
    java.nio.ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record);
    byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.arrayOffset(), buffer.arrayOffset() + buffer.remaining());

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.cause()).isEqualTo(UndecodableRecordException.Cause.UNKNOWN_WRITER_SCHEMA));
  }

  @Test
  void rejectsATruncatedBody() {
    byte[] bytes = codec.encode(observation());
    byte[] truncated = Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.cause()).isEqualTo(UndecodableRecordException.Cause.CORRUPT_BODY));
  }

  @Test
  void survivesJavaSerialisationAsFlinkFunctionsShipIt() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var objects = new java.io.ObjectOutputStream(out)) {
      codec.encode(observation()); // initialise the transient encoder before shipping
      objects.writeObject(codec);
    }
    @SuppressWarnings("unchecked")
    AvroCodec<FlowObservation> shipped = (AvroCodec<FlowObservation>)
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(out.toByteArray())).readObject();

    assertThat(shipped.decode(codec.encode(observation()))).isEqualTo(observation());
  }
}
