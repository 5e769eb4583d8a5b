package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.MonitoringPoint;

/**
 * The Elasticsearch document of a monitoring point (dashboards/elasticsearch/index-templates/flowwatch-points.json),
 * one per code, overwritten when the reference topic changes it.
 */
public final class MonitoringPointDocuments implements DocumentConverter<MonitoringPoint> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public MonitoringPointDocuments(String index) {
    this.index = index;
  }

  @Override
  public IndexRequestEntry toDocument(MonitoringPoint point) {
    ObjectNode document = JSON.createObjectNode();
    document.put("point_code", point.getCode());
    document.put("name", point.getName());
    document.put("kind", point.getKind().name());
    document.put("country", point.getCountry());
    document.put("admin_region", point.getAdminRegion());
    document.putObject("location").put("lat", point.getLatitude()).put("lon", point.getLongitude());
    ArrayNode routes = document.putArray("route");
    point.getRoutes().forEach(route -> routes.add(route.toString()));
    document.put("updated_at", Instant.now().toString());
    return new IndexRequestEntry(index, point.getCode(), document.toString());
  }
}
