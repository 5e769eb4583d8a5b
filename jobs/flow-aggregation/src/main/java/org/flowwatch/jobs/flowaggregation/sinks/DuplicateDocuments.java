package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;

/**
 * The Elasticsearch document of a resent record (dashboards/elasticsearch/index-templates/flowwatch-duplicates.json).
 * The id is the record's key and the resend's number, both restored from state after a failure, so a restart
 * overwrites rather than adds.
 */
public final class DuplicateDocuments implements DocumentConverter<DuplicateRecord> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public DuplicateDocuments(String index) {
    this.index = index;
  }

  @Override
  public IndexRequestEntry toDocument(DuplicateRecord duplicate) {
    Instant eventTime = Instant.ofEpochMilli(duplicate.eventTimeMillis);
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", eventTime.toString());
    document.put("source_kind", duplicate.sourceKind.name());
    document.put("record_id", duplicate.dedupKey);
    document.put("resend", duplicate.resend);
    return new IndexRequestEntry(DatedIndex.monthly(index, eventTime), duplicate.dedupKey + "|" + duplicate.resend,
        document.toString());
  }
}
