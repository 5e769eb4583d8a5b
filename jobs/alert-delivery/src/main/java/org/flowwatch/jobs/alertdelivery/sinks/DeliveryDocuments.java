package org.flowwatch.jobs.alertdelivery.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.delivery.DeliveryAttempt;

/**
 * The delivery log's document, as mapped by dashboards/elasticsearch/index-templates/flowwatch-deliveries.json: one
 * per attempt, its id the message, channel and attempt number, so a replay after a restart overwrites instead of
 * adding. No secret and no message body: the log says who, where, which alerts and what happened.
 */
public final class DeliveryDocuments implements DocumentConverter<DeliveryAttempt> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public DeliveryDocuments(String index) {
    this.index = index;
  }

  @Override
  public IndexRequestEntry toDocument(DeliveryAttempt attempt) {
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", attempt.getAttemptedAt().toString());
    document.put("message_id", attempt.getMessageId());
    document.put("subscription_id", attempt.getSubscriptionId());
    document.put("channel", attempt.getChannel());
    document.put("channel_type", attempt.getChannelType().name());
    document.put("kind", attempt.getKind().name());
    ArrayNode alerts = document.putArray("alert_ids");
    attempt.getAlertIds().forEach(alerts::add);
    ArrayNode revisions = document.putArray("revisions");
    attempt.getRevisions().forEach(revisions::add);
    document.put("attempt", attempt.getAttempt());
    document.put("outcome", attempt.getOutcome().name());
    if (attempt.getStatusCode() != null) {
      document.put("status_code", attempt.getStatusCode());
    }
    if (attempt.getReason() != null) {
      document.put("reason", attempt.getReason());
    }
    document.put("latency_ms", attempt.getLatencyMillis());
    if (attempt.getNextAttemptAt() != null) {
      document.put("next_attempt_at", attempt.getNextAttemptAt().toString());
    }
    String id = attempt.getMessageId() + ":" + attempt.getSubscriptionId() + ":" + attempt.getChannel() + ":"
        + attempt.getAttempt() + ":" + attempt.getOutcome();
    return new IndexRequestEntry(DatedIndex.monthly(index, attempt.getAttemptedAt()), id, document.toString());
  }
}
