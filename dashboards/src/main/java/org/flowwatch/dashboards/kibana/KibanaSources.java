package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reviewable sources of the Kibana objects in {@code dashboards/kibana/src/}: {@code data-views.json} and one file
 * per dashboard. A dashboard lists its panels; a panel is defined once (with its kind, data view, query and chart) and
 * may be placed on several dashboards by id.
 */
public record KibanaSources(Map<String, JsonNode> dataViews, List<JsonNode> dashboards, Map<String, JsonNode> panels) {
  static final ObjectMapper JSON = new ObjectMapper();

  public static KibanaSources read(Path folder) {
    try {
      Map<String, JsonNode> dataViews = new LinkedHashMap<>();
      for (JsonNode view : JSON.readTree(folder.resolve("data-views.json").toFile())) {
        dataViews.put(view.get("id").asText(), view);
      }
      List<JsonNode> dashboards = new ArrayList<>();
      Map<String, JsonNode> panels = new LinkedHashMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("data-views.json")).sorted()
            .toList()) {
          JsonNode dashboard = JSON.readTree(file.toFile());
          dashboards.add(dashboard);
          for (JsonNode panel : dashboard.get("panels")) {
            if (panel.has("kind")) {
              JsonNode previous = panels.put(panel.get("id").asText(), panel);
              if (previous != null) {
                throw new IllegalArgumentException(file + ": panel " + panel.get("id").asText() + " is defined twice");
              }
            }
          }
        }
      }
      return new KibanaSources(dataViews, dashboards, panels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kibana sources in " + folder, e);
    }
  }

  /** The panel a dashboard entry places: its own definition, or the one it names by id. */
  public JsonNode panel(JsonNode entry) {
    JsonNode panel = panels.get(entry.get("id").asText());
    if (panel == null) {
      throw new IllegalArgumentException("no panel is defined with id " + entry.get("id").asText());
    }
    return panel;
  }

  public JsonNode dataView(String id) {
    JsonNode view = dataViews.get(id);
    if (view == null) {
      throw new IllegalArgumentException("no data view is defined with id " + id);
    }
    return view;
  }
}
