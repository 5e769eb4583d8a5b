package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kibana 8.x saved objects from the sources, in the shape {@code POST /api/saved_objects/_import} accepts (as an
 * export from Kibana 8.x writes them): data views ({@code index-pattern}), Vega visualizations, saved searches and
 * dashboards with their controls, each with its references. The migration versions say which Kibana 8 format the
 * attributes follow, so a newer Kibana migrates them on import.
 */
public final class SavedObjects {
  private static final String CORE_MIGRATION_VERSION = "8.8.0";
  private static final Map<String, String> TYPE_MIGRATION_VERSIONS = Map.of(
      "index-pattern", "8.0.0", "visualization", "8.5.0", "search", "8.0.0", "dashboard", "8.9.0");
  private static final String EMPTY_SEARCH_SOURCE = "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}";

  private SavedObjects() {}

  /** Data views first, then panels, then dashboards: every object comes after what it references. */
  public static List<ObjectNode> of(KibanaSources sources) {
    List<ObjectNode> objects = new ArrayList<>();
    sources.dataViews().values().forEach(view -> objects.add(dataView(view)));
    for (JsonNode panel : sources.panels().values()) {
      objects.add(switch (panel.get("kind").asText()) {
        case "vega" -> vega(panel, sources);
        case "search" -> search(panel);
        default -> throw new IllegalArgumentException("panel " + panel.get("id").asText() + " has unknown kind "
            + panel.get("kind").asText());
      });
    }
    sources.dashboards().forEach(dashboard -> objects.add(dashboard(dashboard, sources)));
    return objects;
  }

  private static ObjectNode object(String type, String id) {
    ObjectNode object = KibanaSources.JSON.createObjectNode();
    object.put("type", type);
    object.put("id", id);
    object.putObject("attributes");
    object.putArray("references");
    object.put("coreMigrationVersion", CORE_MIGRATION_VERSION);
    object.put("typeMigrationVersion", TYPE_MIGRATION_VERSIONS.get(type));
    object.put("managed", false);
    return object;
  }

  private static ObjectNode dataView(JsonNode view) {
    ObjectNode object = object("index-pattern", view.get("id").asText());
    ObjectNode attributes = (ObjectNode) object.get("attributes");
    attributes.put("title", view.get("title").asText());
    attributes.put("name", view.get("name").asText());
    attributes.put("timeFieldName", view.get("timeField").asText());
    attributes.put("allowNoIndex", true);
    for (String empty : List.of("fieldAttrs", "fieldFormatMap", "runtimeFieldMap", "typeMeta")) {
      attributes.put(empty, "{}");
    }
    attributes.put("fields", "[]");
    attributes.put("sourceFilters", "[]");
    return object;
  }

  private static ObjectNode vega(JsonNode panel, KibanaSources sources) {
    ObjectNode object = object("visualization", panel.get("id").asText());
    ObjectNode attributes = (ObjectNode) object.get("attributes");
    String title = panel.get("title").asText();
    attributes.put("title", title);
    attributes.put("description", panel.get("description").asText());
    attributes.put("uiStateJSON", "{}");
    attributes.put("version", 1);
    ObjectNode visState = KibanaSources.JSON.createObjectNode();
    visState.put("title", title);
    visState.put("type", "vega");
    visState.putArray("aggs");
    visState.putObject("params").put("spec", pretty(VegaPanels.spec(panel, sources)));
    attributes.put("visState", compact(visState));
    attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", EMPTY_SEARCH_SOURCE);
    return object;
  }

  private static ObjectNode search(JsonNode panel) {
    ObjectNode object = object("search", panel.get("id").asText());
    ObjectNode attributes = (ObjectNode) object.get("attributes");
    attributes.put("title", panel.get("title").asText());
    attributes.put("description", panel.get("description").asText());
    attributes.set("columns", panel.get("columns").deepCopy());
    attributes.set("sort", panel.get("sort").deepCopy());
    attributes.putObject("grid");
    attributes.put("hideChart", true);
    attributes.put("isTextBasedQuery", false);
    ObjectNode source = KibanaSources.JSON.createObjectNode();
    source.putObject("query").put("query", panel.get("kql").asText()).put("language", "kuery");
    source.putArray("filter");
    source.put("indexRefName", "kibanaSavedObjectMeta.searchSourceJSON.index");
    attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", compact(source));
    reference(object, "kibanaSavedObjectMeta.searchSourceJSON.index", "index-pattern",
        panel.get("dataView").asText());
    return object;
  }

  private static ObjectNode dashboard(JsonNode dashboard, KibanaSources sources) {
    ObjectNode object = object("dashboard", dashboard.get("id").asText());
    ObjectNode attributes = (ObjectNode) object.get("attributes");
    attributes.put("title", dashboard.get("title").asText());
    attributes.put("description", dashboard.get("description").asText());
    attributes.put("version", 1);
    attributes.put("timeRestore", true);
    attributes.put("timeFrom", dashboard.get("timeFrom").asText());
    attributes.put("timeTo", dashboard.get("timeTo").asText());
    attributes.putObject("refreshInterval").put("pause", false).put("value", 60_000);
    attributes.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,"
        + "\"syncTooltips\":false,\"hidePanelTitles\":false}");
    attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", EMPTY_SEARCH_SOURCE);
    ArrayNode panels = KibanaSources.JSON.createArrayNode();
    for (JsonNode entry : dashboard.get("panels")) {
      JsonNode panel = sources.panel(entry);
      String index = panel.get("id").asText();
      String type = panel.get("kind").asText().equals("search") ? "search" : "visualization";
      ObjectNode placed = panels.addObject();
      placed.put("type", type);
      JsonNode grid = entry.get("grid");
      placed.putObject("gridData").put("x", grid.get("x").asInt()).put("y", grid.get("y").asInt())
          .put("w", grid.get("w").asInt()).put("h", grid.get("h").asInt()).put("i", index);
      placed.put("panelIndex", index);
      placed.putObject("embeddableConfig").putObject("enhancements");
      placed.put("panelRefName", "panel_" + index);
      reference(object, index + ":panel_" + index, type, index);
    }
    attributes.put("panelsJSON", compact(panels));
    attributes.set("controlGroupInput", controls(dashboard, object));
    return object;
  }

  private static ObjectNode controls(JsonNode dashboard, ObjectNode object) {
    Map<String, ObjectNode> controls = new LinkedHashMap<>();
    int order = 0;
    for (JsonNode control : dashboard.get("controls")) {
      String id = dashboard.get("id").asText() + "-" + control.get("field").asText();
      ObjectNode panel = KibanaSources.JSON.createObjectNode();
      panel.put("order", order++);
      panel.put("width", "medium");
      panel.put("grow", true);
      panel.put("type", "optionsListControl");
      ObjectNode input = panel.putObject("explicitInput");
      input.put("id", id);
      input.put("fieldName", control.get("field").asText());
      input.put("title", control.get("title").asText());
      input.put("dataViewId", control.get("dataView").asText());
      input.put("searchTechnique", "prefix");
      input.putArray("selectedOptions");
      input.putObject("sort").put("by", "_count").put("direction", "desc");
      controls.put(id, panel);
      reference(object, "controlGroup_" + id + ":optionsListDataView", "index-pattern",
          control.get("dataView").asText());
    }
    ObjectNode group = KibanaSources.JSON.createObjectNode();
    group.put("chainingSystem", "HIERARCHICAL");
    group.put("controlStyle", "oneLine");
    group.put("showApplySelections", false);
    group.put("ignoreParentSettingsJSON", "{\"ignoreFilters\":false,\"ignoreQuery\":false,\"ignoreTimerange\":false,"
        + "\"ignoreValidations\":false}");
    group.put("panelsJSON", compact(KibanaSources.JSON.valueToTree(controls)));
    return group;
  }

  private static void reference(ObjectNode object, String name, String type, String id) {
    ((ArrayNode) object.get("references")).addObject().put("name", name).put("type", type).put("id", id);
  }

  static String compact(JsonNode node) {
    try {
      return KibanaSources.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return KibanaSources.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
