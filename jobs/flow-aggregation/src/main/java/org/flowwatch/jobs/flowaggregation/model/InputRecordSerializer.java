package org.flowwatch.jobs.flowaggregation.model;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.SourceKind;

/**
 * The wire format of {@link InputRecord} on the hot path's one exchange, written by hand instead of by Flink's
 * reflective POJO serializer: a header byte of flags, the strings as Flink writes them, counts as variable-length
 * ints (a border crossing's ten counts take ten bytes). Coordinates and bytes are written only when the record still
 * has them. Not used in state.
 */
public final class InputRecordSerializer extends TypeSerializerSingleton<InputRecord> {
  private static final long serialVersionUID = 1L;
  public static final InputRecordSerializer INSTANCE = new InputRecordSerializer();

  private static final SourceKind[] KINDS = SourceKind.values();
  private static final RejectReason[] REASONS = RejectReason.values();
  private static final int KIND_MASK = 0x03;
  private static final int HAS_ROUTE_FIELDS = 0x04;
  private static final int HAS_GROUPS = 0x08;
  private static final int REJECTED = 0x10;
  private static final int HAS_ORIGIN = 0x20;
  private static final int HAS_VALUE = 0x40;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public InputRecord createInstance() {
    return new InputRecord();
  }

  @Override
  public InputRecord copy(InputRecord from) {
    InputRecord copy = new InputRecord();
    copy.kind = from.kind;
    copy.pointCode = from.pointCode;
    copy.recordId = from.recordId;
    copy.eventTimeMillis = from.eventTimeMillis;
    copy.direction = from.direction;
    copy.transportMode = from.transportMode;
    copy.declaredRoute = from.declaredRoute;
    copy.originCountry = from.originCountry;
    copy.destinationCountry = from.destinationCountry;
    copy.nationalities = from.nationalities == null ? null : from.nationalities.clone();
    copy.counts = from.counts == null ? null : from.counts.clone();
    copy.rejectReason = from.rejectReason;
    copy.rejectMessage = from.rejectMessage;
    copy.topic = from.topic;
    copy.partition = from.partition;
    copy.offset = from.offset;
    copy.value = from.value == null ? null : Arrays.copyOf(from.value, from.value.length);
    return copy;
  }

  @Override
  public InputRecord copy(InputRecord from, InputRecord reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(InputRecord record, DataOutputView out) throws IOException {
    boolean routeFields = record.declaredRoute != null || record.originCountry != null
        || record.destinationCountry != null;
    int flags = record.kind.ordinal()
        | (routeFields ? HAS_ROUTE_FIELDS : 0)
        | (record.nationalities != null ? HAS_GROUPS : 0)
        | (record.rejectReason != null ? REJECTED : 0)
        | (record.topic != null ? HAS_ORIGIN : 0)
        | (record.value != null ? HAS_VALUE : 0);
    out.writeByte(flags);
    StringValue.writeString(record.pointCode, out);
    StringValue.writeString(record.recordId, out);
    out.writeLong(record.eventTimeMillis);
    out.writeByte(record.direction);
    out.writeByte(record.transportMode);
    if (routeFields) {
      StringValue.writeString(record.declaredRoute, out);
      StringValue.writeString(record.originCountry, out);
      StringValue.writeString(record.destinationCountry, out);
    }
    if (record.nationalities != null) {
      writeVarInt(record.nationalities.length, out);
      for (int nationality : record.nationalities) {
        out.writeInt(nationality);
      }
      for (int count : record.counts) {
        writeVarInt(count, out);
      }
    }
    if (record.rejectReason != null) {
      out.writeByte(record.rejectReason.ordinal());
      StringValue.writeString(record.rejectMessage, out);
    }
    if (record.topic != null) {
      StringValue.writeString(record.topic, out);
      out.writeInt(record.partition);
      out.writeLong(record.offset);
    }
    if (record.value != null) {
      writeVarInt(record.value.length, out);
      out.write(record.value);
    }
  }

  @Override
  public InputRecord deserialize(DataInputView in) throws IOException {
    InputRecord record = new InputRecord();
    int flags = in.readUnsignedByte();
    record.kind = KINDS[flags & KIND_MASK];
    record.pointCode = StringValue.readString(in);
    record.recordId = StringValue.readString(in);
    record.eventTimeMillis = in.readLong();
    record.direction = in.readByte();
    record.transportMode = in.readByte();
    if ((flags & HAS_ROUTE_FIELDS) != 0) {
      record.declaredRoute = StringValue.readString(in);
      record.originCountry = StringValue.readString(in);
      record.destinationCountry = StringValue.readString(in);
    }
    if ((flags & HAS_GROUPS) != 0) {
      int groups = readVarInt(in);
      record.nationalities = new int[groups];
      for (int i = 0; i < groups; i++) {
        record.nationalities[i] = in.readInt();
      }
      record.counts = new int[groups * InputRecord.GROUP_FIELDS];
      for (int i = 0; i < record.counts.length; i++) {
        record.counts[i] = readVarInt(in);
      }
    }
    if ((flags & REJECTED) != 0) {
      record.rejectReason = REASONS[in.readUnsignedByte()];
      record.rejectMessage = StringValue.readString(in);
    }
    if ((flags & HAS_ORIGIN) != 0) {
      record.topic = StringValue.readString(in);
      record.partition = in.readInt();
      record.offset = in.readLong();
    }
    if ((flags & HAS_VALUE) != 0) {
      record.value = new byte[readVarInt(in)];
      in.readFully(record.value);
    }
    return record;
  }

  @Override
  public InputRecord deserialize(InputRecord reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  /** Counts are never negative (the content rules reject those), so a plain unsigned varint fits them. */
  private static void writeVarInt(int value, DataOutputView out) throws IOException {
    while ((value & ~0x7F) != 0) {
      out.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  private static int readVarInt(DataInputView in) throws IOException {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  @Override
  public TypeSerializerSnapshot<InputRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer by name; the format has one version so far. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<InputRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
