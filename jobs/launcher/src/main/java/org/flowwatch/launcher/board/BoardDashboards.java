package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowwatch.dashboards.kibana.KibanaSources;
import org.flowwatch.dashboards.kibana.VegaPanels;

/**
 * The dashboards as the board's page needs them, from the Kibana sources: each Vega panel's spec exactly as it goes
 * into the Kibana saved objects, the saved search as a context-aware request with its query, and each control as the
 * request for its options.
 */
public final class BoardDashboards {
  /** Rows the open alerts table shows, newest change first. */
  static final int TABLE_ROWS = 100;
  /** Values a control offers, most frequent first (Kibana's options list sorts by count too). */
  static final int CONTROL_OPTIONS = 100;
  /** The saved dashboards refresh every minute ({@code refreshInterval} in the saved objects). */
  static final int REFRESH_SECONDS = 60;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final KibanaSources sources;

  public BoardDashboards(KibanaSources sources) {
    this.sources = sources;
  }

  public ArrayNode list() {
    ArrayNode list = JSON.createArrayNode();
    // The situation room first: it is the page the board opens on.
    sources.dashboards().stream()
        .sorted((a, b) -> Boolean.compare(!isSituationRoom(a), !isSituationRoom(b)))
        .forEach(dashboard -> list.addObject().put("id", dashboard.get("id").asText())
            .put("title", dashboard.get("title").asText()));
    return list;
  }

  private static boolean isSituationRoom(JsonNode dashboard) {
    return dashboard.get("id").asText().equals("flowwatch-situation-room");
  }

  /** @throws BoardRefusal 404 when no dashboard has this id */
  public ObjectNode describe(String id) {
    JsonNode dashboard = sources.dashboards().stream().filter(d -> d.get("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new BoardRefusal(404, "no dashboard has id '" + id + "'"));
    ObjectNode described = JSON.createObjectNode();
    for (String key : new String[] {"id", "title", "description", "timeFrom", "timeTo"}) {
      described.set(key, dashboard.get(key));
    }
    described.put("refreshSeconds", REFRESH_SECONDS);
    ArrayNode controls = described.putArray("controls");
    for (JsonNode control : dashboard.get("controls")) {
      ObjectNode describedControl = controls.addObject();
      describedControl.set("field", control.get("field"));
      describedControl.set("title", control.get("title"));
      ObjectNode request = request(control.get("dataView").asText());
      request.putObject("body").put("size", 0).putObject("aggs").putObject("options").putObject("terms")
          .put("field", control.get("field").asText()).put("size", CONTROL_OPTIONS);
      describedControl.set("request", request);
    }
    ArrayNode panels = described.putArray("panels");
    for (JsonNode entry : dashboard.get("panels")) {
      JsonNode panel = sources.panel(entry);
      ObjectNode placed = panels.addObject();
      for (String key : new String[] {"id", "title", "description", "kind"}) {
        placed.set(key, panel.get(key));
      }
      placed.set("grid", entry.get("grid"));
      switch (panel.get("kind").asText()) {
        case "vega" -> placed.set("spec", VegaPanels.spec(panel, sources));
        case "search" -> savedSearch(panel, placed);
        default -> throw new IllegalStateException("panel " + panel.get("id").asText() + " has an unknown kind");
      }
    }
    return described;
  }

  /** Kibana runs a saved search's KQL; its sources give the equivalent Elasticsearch query, used here. */
  private void savedSearch(JsonNode panel, ObjectNode placed) {
    placed.set("columns", panel.get("columns"));
    ObjectNode request = request(panel.get("dataView").asText());
    ObjectNode body = request.putObject("body");
    body.put("size", TABLE_ROWS);
    ArrayNode sort = body.putArray("sort");
    for (JsonNode order : panel.get("sort")) {
      sort.addObject().putObject(order.get(0).asText()).put("order", order.get(1).asText());
    }
    body.set("_source", panel.get("columns"));
    placed.set("request", request);
    placed.putArray("queries").add(panel.get("equivalentQuery"));
  }

  private ObjectNode request(String dataViewId) {
    JsonNode view = sources.dataView(dataViewId);
    ObjectNode request = JSON.createObjectNode();
    request.put("index", view.get("title").asText());
    request.put("%context%", true);
    request.put("%timefield%", view.get("timeField").asText());
    return request;
  }
}
