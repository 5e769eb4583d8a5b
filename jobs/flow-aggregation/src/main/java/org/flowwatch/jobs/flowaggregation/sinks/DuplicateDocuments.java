package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.privacy.PrivacyKey;

/**
 * The Elasticsearch document of a resent record (dashboards/elasticsearch/index-templates/flowwatch-duplicates.json).
 * A border registration is one person, so the document holds nothing that identifies the record: its key (source
 * kind, point and record id) only as a keyed hash, which groups the resends of one record without revealing its id, and the
 * hour of its event time, not the exact time of a crossing. The document id is the same hash and the resend's number,
 * both restored from state after a failure, so a restart overwrites rather than adds.
 */
public final class DuplicateDocuments implements DocumentConverter<DuplicateRecord> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;
  private final PrivacyKey key;

  public DuplicateDocuments(String index, PrivacyKey key) {
    this.index = index;
    this.key = key;
  }

  @Override
  public IndexRequestEntry toDocument(DuplicateRecord duplicate) {
    String recordKeyHmac = key.hmacHex(duplicate.dedupKey);
    Instant hour = Instant.ofEpochMilli(duplicate.eventTimeMillis).truncatedTo(ChronoUnit.HOURS);
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", hour.toString());
    document.put("source_kind", duplicate.sourceKind.name());
    document.put("record_key_hmac", recordKeyHmac);
    document.put("resend", duplicate.resend);
    return new IndexRequestEntry(DatedIndex.monthly(index, hour), recordKeyHmac + "|" + duplicate.resend,
        document.toString());
  }
}
