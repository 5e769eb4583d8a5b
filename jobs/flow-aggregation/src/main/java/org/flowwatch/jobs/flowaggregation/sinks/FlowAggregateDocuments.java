package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.common.elasticsearch.DatedIndex;
import org.flowwatch.jobs.flowaggregation.model.AggregateCount;
import org.flowwatch.schema.FlowAggregate;

/**
 * The Elasticsearch document of a flow aggregate, as mapped by dashboards/elasticsearch/index-templates/flowwatch-flows.json.
 * Index: {@code <prefix>[-published]-<hourly|daily>-<yyyy>.01.01}, by the year of the window start (see DatedIndex). The id is the aggregate's level, window and key, so a later
 * revision of the same cell overwrites the earlier one and a replay overwrites instead of duplicating; the revision is
 * the document's external version, so an earlier revision arriving later never overwrites a later one.
 */
public final class FlowAggregateDocuments implements DocumentConverter<FlowAggregate> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String indexPrefix;
  private final boolean published;

  public FlowAggregateDocuments(String indexPrefix, boolean published) {
    this.indexPrefix = indexPrefix;
    this.published = published;
  }

  /** The index of one granularity and view, without its month: the base of {@link DatedIndex}. */
  public static String base(String indexPrefix, boolean published, String granularity) {
    return indexPrefix + (published ? "-published-" : "-") + granularity.toLowerCase(Locale.ROOT);
  }

  public static String documentId(FlowAggregate aggregate) {
    return String.join("|", aggregate.getLevel().name(), aggregate.getGranularity().name(),
        orDash(aggregate.getPointCode()), aggregate.getDirection().name(), orDash(aggregate.getNationality()),
        orDash(aggregate.getSourceKind()), orDash(aggregate.getRoute()), aggregate.getWindowStart().toString());
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  @Override
  public IndexRequestEntry toDocument(FlowAggregate aggregate) {
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", aggregate.getWindowStart().toString());
    document.put("window_end", aggregate.getWindowEnd().toString());
    document.put("granularity", aggregate.getGranularity().name());
    document.put("level", aggregate.getLevel().name());
    putIfPresent(document, "point_code", aggregate.getPointCode());
    document.put("direction", aggregate.getDirection().name());
    putIfPresent(document, "nationality", aggregate.getNationality());
    putIfPresent(document, "source_kind", aggregate.getSourceKind());
    putIfPresent(document, "route", aggregate.getRoute());
    putIfPresent(document, "admin_region", aggregate.getAdminRegion());
    if (aggregate.getLatitude() != null && aggregate.getLongitude() != null) {
      document.putObject("location").put("lat", aggregate.getLatitude()).put("lon", aggregate.getLongitude());
    }
    for (AggregateCount count : AggregateCount.values()) {
      ObjectNode parent = document;
      String[] path = count.documentPath.split("\\.");
      for (int i = 0; i < path.length - 1; i++) {
        parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
      }
      parent.put(path[path.length - 1], count.of(aggregate));
    }
    ObjectNode modes = document.putObject("transport_modes");
    for (Map.Entry<String, Long> mode : aggregate.getTransportModes().entrySet()) {
      modes.put(mode.getKey(), mode.getValue());
    }
    document.put("revision", aggregate.getRevision());
    return IndexRequestEntry.versioned(DatedIndex.yearly(base(indexPrefix, published, aggregate.getGranularity().name()),
        aggregate.getWindowStart()), documentId(aggregate), document.toString(), aggregate.getRevision());
  }

  private static void putIfPresent(ObjectNode document, String field, Object value) {
    if (value != null) {
      document.put(field, Objects.toString(value));
    }
  }
}
