package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

class CrossingRowDeserializerTest {
  private static final Instant CROSSED_AT = Instant.parse("2024-03-05T09:12:34.567Z");
  private static final CheckpointCrossing CROSSING = CheckpointCrossing.newBuilder()
      .setId("crossing-1")
      .setCheckpointCode("NE-MAG")
      .setCrossedAt(CROSSED_AT)
      .setDirection(CrossingDirection.EXIT)
      .setNationality("NGA")
      .setSex(Sex.FEMALE)
      .setAgeBand(AgeBand.AGE_5_17)
      .setDocumentType(DocumentType.ECOWAS_TRAVEL_CERTIFICATE)
      .setPurpose(MovementReason.SHORT_TERM_LOCAL)
      .build();

  private static CrossingRowDeserializer deserializer(DataType row) {
    return CrossingRowDeserializer.of(row, InternalTypeInfo.of((RowType) row.getLogicalType()));
  }

  @Test
  void decodesASingleObjectEncodedCrossingIntoTheColumnsTheTableDeclaresInTheirOrder() throws IOException {
    DataType row = DataTypes.ROW(
        DataTypes.FIELD("crossed_at", DataTypes.TIMESTAMP_LTZ(3)),
        DataTypes.FIELD("id", DataTypes.STRING()),
        DataTypes.FIELD("checkpoint_code", DataTypes.STRING()),
        DataTypes.FIELD("direction", DataTypes.STRING()),
        DataTypes.FIELD("nationality", DataTypes.STRING()),
        DataTypes.FIELD("sex", DataTypes.STRING()),
        DataTypes.FIELD("age_band", DataTypes.STRING()));

    RowData decoded = deserializer(row).deserialize(AvroCodec.of(CheckpointCrossing.class).encode(CROSSING));

    assertThat(decoded.getArity()).isEqualTo(7);
    assertThat(decoded.getTimestamp(0, 3).toInstant()).isEqualTo(CROSSED_AT);
    assertThat(decoded.getString(1).toString()).isEqualTo("crossing-1");
    assertThat(decoded.getString(2).toString()).isEqualTo("NE-MAG");
    assertThat(decoded.getString(3).toString()).isEqualTo("EXIT");
    assertThat(decoded.getString(4).toString()).isEqualTo("NGA");
    assertThat(decoded.getString(5).toString()).isEqualTo("FEMALE");
    assertThat(decoded.getString(6).toString()).isEqualTo("AGE_5_17");
  }

  @Test
  void failsOnAValueThatIsNotASingleObjectEncodedCrossing() {
    CrossingRowDeserializer deserializer = deserializer(DataTypes.ROW(DataTypes.FIELD("id", DataTypes.STRING())));

    assertThatThrownBy(() -> deserializer.deserialize("not avro".getBytes()))
        .isInstanceOf(IOException.class).hasMessageContaining("flowwatch-crossing");
  }

  @Test
  void refusesAColumnACrossingDoesNotHaveOrOfTheWrongType() {
    assertThatThrownBy(() -> deserializer(DataTypes.ROW(DataTypes.FIELD("passport_number", DataTypes.STRING()))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("no column 'passport_number'");
    assertThatThrownBy(() -> deserializer(DataTypes.ROW(DataTypes.FIELD("crossed_at", DataTypes.BIGINT()))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'crossed_at' must be of type");
  }
}
