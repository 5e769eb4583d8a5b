package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class IndexRequestEntrySerializerTest {

  @Test
  void buffedEntriesSurviveACheckpointRoundTripIncludingLargeAndNonAsciiDocuments() throws Exception {
    String large = "{\"note\":\"" + "Séguédine ".repeat(10_000) + "\"}";
    List<RequestEntryWrapper<IndexRequestEntry>> entries = new ArrayList<>();
    for (IndexRequestEntry entry : List.of(new IndexRequestEntry("flowwatch-flows-hourly", "a|1", "{\"x\":1}"),
        IndexRequestEntry.versioned("flowwatch-flows-hourly", "b|Séguédine", large, 7),
        new IndexRequestEntry("flowwatch-rejected-2024.05.01", "elasticsearch/x/a", "{}", IndexRequestEntry.UNVERSIONED,
            true))) {
      entries.add(new RequestEntryWrapper<>(entry, entry.sizeInBytes()));
    }
    IndexRequestEntrySerializer serializer = new IndexRequestEntrySerializer();

    BufferedRequestState<IndexRequestEntry> restored = serializer.deserialize(serializer.getVersion(),
        serializer.serialize(new BufferedRequestState<>(entries)));

    assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getRequestEntry)
        .containsExactlyElementsOf(entries.stream().map(RequestEntryWrapper::getRequestEntry).toList());
  }

  @Test
  void stateWrittenBeforeExternalVersionsRestoresAsPlainIndexOperations() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeLong(-1); // the async sink's state marker
    out.writeInt(1);
    out.writeLong(100);
    for (String field : List.of("flowwatch-flows-hourly", "a|1", "{\"x\":1}")) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }

    BufferedRequestState<IndexRequestEntry> restored = new IndexRequestEntrySerializer().deserialize(1, bytes.toByteArray());

    assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getRequestEntry)
        .containsExactly(new IndexRequestEntry("flowwatch-flows-hourly", "a|1", "{\"x\":1}"));
  }
}
