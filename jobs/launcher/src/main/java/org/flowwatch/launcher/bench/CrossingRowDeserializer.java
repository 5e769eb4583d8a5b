package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;

/**
 * Decodes one Kafka value, an Avro single-object encoded {@link CheckpointCrossing}, with flowwatch's own
 * {@link AvroCodec} (the writer schema resolved against every released one) into a table row of the columns the table
 * declares, by name: {@link Column} lists them. The runtime half of the {@code flowwatch-crossing} SQL format
 * ({@link CrossingFormatFactory}). A value that does not decode fails the job: the peer does not validate or reject.
 */
public final class CrossingRowDeserializer implements DeserializationSchema<RowData> {
  private static final long serialVersionUID = 1L;

  /** The columns the format can fill: SQL name, type and where the value comes from. */
  public enum Column {
    ID("id", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getId())),
    CHECKPOINT_CODE("checkpoint_code", LogicalTypeRoot.VARCHAR,
        crossing -> StringData.fromString(crossing.getCheckpointCode())),
    CROSSED_AT("crossed_at", LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
        crossing -> TimestampData.fromEpochMillis(crossing.getCrossedAt().toEpochMilli())),
    DIRECTION("direction", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getDirection().name())),
    NATIONALITY("nationality", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getNationality())),
    SEX("sex", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getSex().name())),
    AGE_BAND("age_band", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getAgeBand().name())),
    DOCUMENT_TYPE("document_type", LogicalTypeRoot.VARCHAR,
        crossing -> StringData.fromString(crossing.getDocumentType().name())),
    PURPOSE("purpose", LogicalTypeRoot.VARCHAR, crossing -> StringData.fromString(crossing.getPurpose().name()));

    final String sqlName;
    final LogicalTypeRoot type;
    final Function<CheckpointCrossing, Object> value;

    Column(String sqlName, LogicalTypeRoot type, Function<CheckpointCrossing, Object> value) {
      this.sqlName = sqlName;
      this.type = type;
      this.value = value;
    }

    public String sqlName() {
      return sqlName;
    }

    /** The column called {@code name} with a type it can fill; a ValidationException names what is wrong. */
    static Column of(String name, LogicalType type) {
      for (Column column : values()) {
        if (column.sqlName.equals(name)) {
          if (type.getTypeRoot() != column.type) {
            throw new ValidationException("flowwatch-crossing: column '" + name + "' must be of type " + column.type
                + ", not " + type);
          }
          return column;
        }
      }
      throw new ValidationException("flowwatch-crossing: no column '" + name + "' in a CheckpointCrossing; known: "
          + List.of(values()).stream().map(Column::sqlName).toList());
    }
  }

  private final Column[] columns;
  private final TypeInformation<RowData> producedType;
  private final AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);

  CrossingRowDeserializer(Column[] columns, TypeInformation<RowData> producedType) {
    this.columns = columns.clone();
    this.producedType = Objects.requireNonNull(producedType, "producedType");
  }

  /** A deserializer filling the fields of {@code physicalDataType} (a ROW), in their order. */
  public static CrossingRowDeserializer of(DataType physicalDataType, TypeInformation<RowData> producedType) {
    return new CrossingRowDeserializer(columns(physicalDataType), producedType);
  }

  static Column[] columns(DataType physicalDataType) {
    if (!(physicalDataType.getLogicalType() instanceof RowType row)) {
      throw new ValidationException("flowwatch-crossing: expected a row type, got " + physicalDataType);
    }
    return row.getFields().stream().map(field -> Column.of(field.getName(), field.getType())).toArray(Column[]::new);
  }

  @Override
  public RowData deserialize(byte[] message) throws IOException {
    CheckpointCrossing crossing;
    try {
      crossing = codec.decode(message);
    } catch (UndecodableRecordException e) {
      throw new IOException("flowwatch-crossing: " + e.getMessage(), e);
    }
    GenericRowData row = new GenericRowData(columns.length);
    for (int i = 0; i < columns.length; i++) {
      row.setField(i, columns[i].value.apply(crossing));
    }
    return row;
  }

  @Override
  public boolean isEndOfStream(RowData nextElement) {
    return false;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return producedType;
  }
}
