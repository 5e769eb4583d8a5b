package org.flowwatch.jobs.flowaggregation.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.RejectedRecord;
import org.junit.jupiter.api.Test;

class RejectedRecordDocumentsTest {

  @Test
  void indexesWhereTheRecordIsAndWhyButNotItsBytes() throws Exception {
    byte[] original = "{\"id\":\"NE-ASM-000123\",\"crossedAt\":\"2024-01-15T08:17:42Z\"}".getBytes(StandardCharsets.UTF_8);
    RejectedRecord rejected = RejectedRecord.newBuilder()
        .setReason(RejectReason.UNDECODABLE).setMessage("not Avro single-object encoding")
        .setSourceTopic("flowwatch.checkpoint-crossings").setSourcePartition(2).setSourceOffset(41)
        .setRejectedAt(Instant.parse("2024-01-20T12:00:00Z"))
        .setOriginalBytes(ByteBuffer.wrap(original))
        .build();

    IndexRequestEntry entry = new RejectedRecordDocuments("flowwatch-rejected").toDocument(rejected);

    assertThat(new ObjectMapper().readTree(entry.sourceJson()).fieldNames()).toIterable().containsExactlyInAnyOrder(
        "@timestamp", "reason", "message", "source_topic", "source_partition", "source_offset");
    assertThat(entry.sourceJson()).doesNotContain("NE-ASM-000123")
        .doesNotContain(Base64.getEncoder().encodeToString(original).substring(0, 20));
    assertThat(entry.id()).isEqualTo("flowwatch.checkpoint-crossings/2/41");
  }
}
