package org.flowwatch.launcher.bench;

import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.types.DataType;

/**
 * The SQL format {@code 'flowwatch-crossing'}: the value of a Kafka table is an Avro single-object encoded
 * {@link org.flowwatch.schema.CheckpointCrossing}, decoded once per record by {@link CrossingRowDeserializer} with
 * flowwatch's {@code AvroCodec}, into the columns the table declares. Flink's own 'avro' format reads plain Avro binary
 * and cannot skip the 10-byte single-object header. Registered in META-INF/services, so the launcher's shaded jar must
 * merge service files (it does: ServicesResourceTransformer).
 */
public final class CrossingFormatFactory implements DeserializationFormatFactory {
  public static final String IDENTIFIER = "flowwatch-crossing";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(DynamicTableFactory.Context context,
      ReadableConfig formatOptions) {
    return new DecodingFormat<>() {
      @Override
      public DeserializationSchema<RowData> createRuntimeDecoder(DynamicTableSource.Context sourceContext,
          DataType physicalDataType) {
        return CrossingRowDeserializer.of(physicalDataType, sourceContext.createTypeInformation(physicalDataType));
      }

      @Override
      public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
      }
    };
  }
}
