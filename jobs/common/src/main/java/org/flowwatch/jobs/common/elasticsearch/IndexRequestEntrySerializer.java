package org.flowwatch.jobs.common.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Checkpoints the sink's buffered entries: index, id and source as length-prefixed UTF-8. */
final class IndexRequestEntrySerializer extends AsyncSinkWriterStateSerializer<IndexRequestEntry> {

  @Override
  protected void serializeRequestToStream(IndexRequestEntry entry, DataOutputStream out) throws IOException {
    writeString(out, entry.index());
    writeString(out, entry.id());
    writeString(out, entry.sourceJson());
  }

  @Override
  protected IndexRequestEntry deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
    return new IndexRequestEntry(readString(in), readString(in), readString(in));
  }

  @Override
  public int getVersion() {
    return 1;
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
}
