package org.flowwatch.jobs.flowaggregation.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information of {@link InputRecord}: its own serializer ({@link InputRecordSerializer}). */
public final class InputRecordTypeInfo extends TypeInformation<InputRecord> {
  private static final long serialVersionUID = 1L;

  /** Found by Flink's type extraction through the {@code @TypeInfo} annotation on {@link InputRecord}. */
  public static final class Factory extends TypeInfoFactory<InputRecord> {
    @Override
    public TypeInformation<InputRecord> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
      return new InputRecordTypeInfo();
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<InputRecord> getTypeClass() {
    return InputRecord.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<InputRecord> createSerializer(SerializerConfig config) {
    return InputRecordSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "InputRecord";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputRecordTypeInfo;
  }

  @Override
  public int hashCode() {
    return InputRecordTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof InputRecordTypeInfo;
  }
}
