package org.flowwatch.jobs.common.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Checkpoints the sink's buffered entries: index, id and source as length-prefixed UTF-8, then (since version 2) the
 * external version and the dead-letter flag. State of version 1 (before external versions) still restores: its
 * entries become plain index operations, as they were written then.
 */
final class IndexRequestEntrySerializer extends AsyncSinkWriterStateSerializer<IndexRequestEntry> {
  private static final int VERSION = 2;

  @Override
  protected void serializeRequestToStream(IndexRequestEntry entry, DataOutputStream out) throws IOException {
    writeString(out, entry.index());
    writeString(out, entry.id());
    writeString(out, entry.sourceJson());
    out.writeLong(entry.externalVersion());
    out.writeBoolean(entry.deadLetter());
  }

  @Override
  protected IndexRequestEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
    return new IndexRequestEntry(readString(in), readString(in), readString(in), in.readLong(), in.readBoolean());
  }

  @Override
  public BufferedRequestState<IndexRequestEntry> deserialize(int version, byte[] serialized) throws IOException {
    return version == 1 ? new Version1().deserialize(version, serialized) : super.deserialize(version, serialized);
  }

  @Override
  public int getVersion() {
    return VERSION;
  }

  // writeUTF is limited to 64 KiB; documents may be larger.
  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads state written before external versions: index, id and source only. */
  private static final class Version1 extends AsyncSinkWriterStateSerializer<IndexRequestEntry> {
    @Override
    protected void serializeRequestToStream(IndexRequestEntry entry, DataOutputStream out) {
      throw new UnsupportedOperationException("version 1 is only read");
    }

    @Override
    protected IndexRequestEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
      return new IndexRequestEntry(readString(in), readString(in), readString(in));
    }

    @Override
    public int getVersion() {
      return 1;
    }
  }
}
