package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.schema.RejectedRecord;

/**
 * The Elasticsearch document of a rejected input record, as mapped by
 * dashboards/elasticsearch/index-templates/flowwatch-rejected.json: what the data-quality dashboard counts and what an
 * operator needs to find the record at its source (topic, partition, offset, reason, message). The original bytes,
 * which can identify a person, are not indexed: they stay in the rejected-records topic, whose retention is bounded.
 * The id is the record's place in its topic, so a replay overwrites it.
 */
public final class RejectedRecordDocuments implements DocumentConverter<RejectedRecord> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public RejectedRecordDocuments(String index) {
    this.index = index;
  }

  public static String documentId(RejectedRecord rejected) {
    return rejected.getSourceTopic() + "/" + rejected.getSourcePartition() + "/" + rejected.getSourceOffset();
  }

  @Override
  public IndexRequestEntry toDocument(RejectedRecord rejected) {
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", rejected.getRejectedAt().toString());
    document.put("reason", rejected.getReason().name());
    document.put("message", rejected.getMessage());
    document.put("source_topic", rejected.getSourceTopic());
    document.put("source_partition", rejected.getSourcePartition());
    document.put("source_offset", rejected.getSourceOffset());
    return new IndexRequestEntry(DatedIndex.monthly(index, rejected.getRejectedAt()), documentId(rejected),
        document.toString());
  }
}
