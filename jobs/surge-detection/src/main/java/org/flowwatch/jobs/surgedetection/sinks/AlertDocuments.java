package org.flowwatch.jobs.surgedetection.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.surgedetection.functions.SeriesKey;
import org.flowwatch.schema.SurgeAlert;

/**
 * The Elasticsearch document of an alert episode, as mapped by
 * dashboards/elasticsearch/index-templates/flowwatch-alerts.json. The id is the episode's id, so each revision
 * overwrites the previous one: the index holds every episode once, in its latest state (the revision is the external
 * version, so an older revision written later is refused).
 */
public final class AlertDocuments implements DocumentConverter<SurgeAlert> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public AlertDocuments(String index) {
    this.index = index;
  }

  @Override
  public IndexRequestEntry toDocument(SurgeAlert alert) {
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", alert.getOpenedAt().toString());
    document.put("updated_at", alert.getUpdatedAt().toString());
    if (alert.getResolvedAt() != null) {
      document.put("resolved_at", alert.getResolvedAt().toString());
    }
    document.put("alert_id", alert.getId());
    document.put("signal", alert.getSignal().name());
    document.put("status", alert.getStatus().name());
    document.put("severity", alert.getSeverity().name());
    document.put("severity_rank", alert.getSeverity().ordinal() + 1);
    document.put("method", alert.getMethod());
    document.put("series_key", alert.getSeriesKey());
    document.put("level", SeriesKey.level(alert.getPointCode(), alert.getNationality()));
    putIfPresent(document, "point_code", alert.getPointCode());
    putIfPresent(document, "route", alert.getRoute());
    putIfPresent(document, "nationality", alert.getNationality());
    putIfPresent(document, "direction", alert.getDirection());
    document.put("observed", alert.getObserved());
    document.put("expected", alert.getExpected());
    document.put("threshold", alert.getThreshold());
    document.put("score", alert.getScore());
    document.put("revision", alert.getRevision());
    // By the month the episode opened, which its later revisions keep: they overwrite the same document.
    return IndexRequestEntry.versioned(DatedIndex.monthly(index, alert.getOpenedAt()), alert.getId(), document.toString(),
        alert.getRevision());
  }

  private static void putIfPresent(ObjectNode document, String field, Object value) {
    if (value != null) {
      document.put(field, value.toString());
    }
  }
}
