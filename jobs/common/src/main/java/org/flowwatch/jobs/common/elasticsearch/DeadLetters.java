package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.flowwatch.schema.RejectReason;

/**
 * Where a document goes that Elasticsearch refused for good (see {@link BulkItemOutcome#UNFIXABLE}) or that is too
 * large to send: a small report in the rejected-records index family (template flowwatch-rejected), with reason
 * {@code UNINDEXABLE}, naming the target index, the document id, Elasticsearch's error type and its reason.
 *
 * <p>Why an index and not the rejected-records topic: the report is written by the sink writer itself, through the
 * client it already has, and travels through the sink's own buffer and checkpoints like any other document, so it is
 * neither lost nor blocking. The topic's RejectedRecord describes an input record (its topic, partition, offset and
 * bytes), which an output document does not have; a second, transactional producer inside the writer would only
 * duplicate what the index holds. Elasticsearch is reachable when it answers with an item error, so the report can be
 * written at that moment.
 *
 * <p>Never the document's body: the report names the document, it does not copy it. Elasticsearch quotes the value it
 * could not parse ("Preview of field's value"), so that part of the reason is cut, and of a nested cause only the type
 * is kept (its reason quotes the value too). No output document is keyed by a person's record id (resends are keyed
 * by a keyed hash), so the report names the document by its id.
 */
public final class DeadLetters implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VALUE_PREVIEW = Pattern.compile("(?s)\\.?\\s*Preview of field's value:.*");
  private static final int MAX_REASON_LENGTH = 1_000;

  private final String rejectedIndex;

  /** @param rejectedIndex base name of the rejected-records indices (monthly, see {@link DatedIndex}) */
  public DeadLetters(String rejectedIndex) {
    this.rejectedIndex = Objects.requireNonNull(rejectedIndex, "rejectedIndex");
  }

  /** The report of a document Elasticsearch refused with {@code error}. */
  public IndexRequestEntry refused(IndexRequestEntry document, ErrorCause error) {
    String type = error.causedBy() == null ? error.type() : error.type() + " (caused by " + error.causedBy().type() + ")";
    return report(document, error.type(), type + ": " + Objects.requireNonNullElse(error.reason(), ""));
  }

  /** The report of a document larger than the sink may send in one request. */
  public IndexRequestEntry tooLarge(IndexRequestEntry document, long limitInBytes) {
    return report(document, "document_too_large", "the document has about " + document.sizeInBytes()
        + " bytes, more than the sink's limit of " + limitInBytes + " bytes per document");
  }

  private IndexRequestEntry report(IndexRequestEntry document, String errorType, String reason) {
    Instant now = Instant.now();
    ObjectNode report = JSON.createObjectNode();
    report.put("@timestamp", now.toString());
    report.put("reason", RejectReason.UNINDEXABLE.name());
    report.put("message", clean(reason));
    ObjectNode elasticsearch = report.putObject("elasticsearch");
    elasticsearch.put("index", document.index());
    elasticsearch.put("document_id", document.id());
    elasticsearch.put("error_type", errorType);
    // One report per document: its later revisions, or a replay, overwrite it.
    String id = "elasticsearch/" + document.index() + "/" + document.id();
    return new IndexRequestEntry(DatedIndex.monthly(rejectedIndex, now), id, report.toString(),
        IndexRequestEntry.UNVERSIONED, true);
  }

  private static String clean(String reason) {
    String cleaned = VALUE_PREVIEW.matcher(reason).replaceAll(" (value withheld)");
    return cleaned.length() <= MAX_REASON_LENGTH ? cleaned : cleaned.substring(0, MAX_REASON_LENGTH) + "...";
  }
}
