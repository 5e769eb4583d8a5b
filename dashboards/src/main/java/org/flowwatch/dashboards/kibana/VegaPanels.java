package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A Vega-Lite panel's spec, and the search Elasticsearch runs for it. In Kibana the spec's data url is a
 * context-aware query ({@code %context%}: the dashboard's time range, query, filters and controls go into the search's
 * query); {@link #search} builds the same request for a given time range, so tests run exactly the aggregations the
 * panel runs.
 */
public final class VegaPanels {
  private VegaPanels() {}

  public static ObjectNode spec(JsonNode panel, KibanaSources sources) {
    JsonNode view = sources.dataView(panel.get("dataView").asText());
    ObjectNode spec = KibanaSources.JSON.createObjectNode();
    spec.put("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
    ObjectNode data = spec.putObject("data");
    ObjectNode url = data.putObject("url");
    url.put("%context%", true);
    url.put("%timefield%", view.get("timeField").asText());
    url.put("index", view.get("title").asText());
    url.set("body", body(panel));
    data.putObject("format").put("property", panel.get("format").asText());
    for (Iterator<Map.Entry<String, JsonNode>> fields = panel.get("vegaLite").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      spec.set(field.getKey(), field.getValue().deepCopy());
    }
    return spec;
  }

  private static ObjectNode body(JsonNode panel) {
    ObjectNode body = KibanaSources.JSON.createObjectNode();
    body.put("size", 0);
    body.set("aggs", panel.get("aggs").deepCopy());
    return body;
  }

  /** The data request of the panel's spec: what Kibana expands with the dashboard's context. */
  public static JsonNode request(JsonNode panel, KibanaSources sources) {
    return spec(panel, sources).get("data").get("url");
  }

  /**
   * The search request the panel makes for {@code [from, to]} with no other filter: what Kibana sends once it has
   * replaced {@code %context%} and {@code %timefield%}.
   */
  public static ObjectNode search(JsonNode panel, KibanaSources sources, String from, String to) {
    return DashboardContext.timeRange(from, to).expand(request(panel, sources));
  }
}
