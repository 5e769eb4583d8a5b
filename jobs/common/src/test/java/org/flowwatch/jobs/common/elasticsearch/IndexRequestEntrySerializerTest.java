package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

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
        new IndexRequestEntry("flowwatch-flows-hourly", "b|Séguédine", large))) {
      entries.add(new RequestEntryWrapper<>(entry, entry.sizeInBytes()));
    }
    IndexRequestEntrySerializer serializer = new IndexRequestEntrySerializer();

    BufferedRequestState<IndexRequestEntry> restored = serializer.deserialize(serializer.getVersion(),
        serializer.serialize(new BufferedRequestState<>(entries)));

    assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getRequestEntry)
        .containsExactly(entries.get(0).getRequestEntry(), entries.get(1).getRequestEntry());
  }
}
