package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The reviewable sources of the Kibana objects in {@code dashboards/kibana/src/}: {@code data-views.json} and one file
 * per dashboard. A dashboard lists its panels; a panel is defined once (with its kind, data view, query and chart) and
 * may be placed on several dashboards by id.
 */
public record KibanaSources(Map<String, JsonNode> dataViews, List<JsonNode> dashboards, Map<String, JsonNode> panels) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Where the build puts a copy of the sources on the class path, with {@link #LIST} naming its files. */
  public static final String RESOURCES = "/flowwatch/dashboards/kibana/src/";
  /** The file names of the sources, one per line, written by the build step that generates the saved objects. */
  public static final String LIST = "sources.list";
  private static final String DATA_VIEWS = "data-views.json";

  public static KibanaSources read(Path folder) {
    return of(fileNames(folder), name -> {
      try {
        return JSON.readTree(folder.resolve(name).toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Kibana source " + folder.resolve(name), e);
      }
    });
  }

  /** The sources the build bundled: the same files the saved objects in the jar were generated from. */
  public static KibanaSources bundled() {
    try (InputStream list = KibanaSources.class.getResourceAsStream(RESOURCES + LIST)) {
      if (list == null) {
        throw new IllegalStateException("no " + RESOURCES + LIST + " on the class path: build the dashboards module");
      }
      List<String> names = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank()).toList();
      return of(names, name -> {
        try (InputStream in = KibanaSources.class.getResourceAsStream(RESOURCES + name)) {
          if (in == null) {
            throw new IllegalStateException(RESOURCES + LIST + " names " + name + ", which is not on the class path");
          }
          return JSON.readTree(in);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the bundled Kibana source " + name, e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCES + LIST, e);
    }
  }

  /** The source files of a folder: the data views and every dashboard, in name order. */
  public static List<String> fileNames(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the Kibana sources in " + folder, e);
    }
  }

  private static KibanaSources of(List<String> names, Function<String, JsonNode> reader) {
    if (!names.contains(DATA_VIEWS)) {
      throw new IllegalArgumentException("the Kibana sources have no " + DATA_VIEWS);
    }
    Map<String, JsonNode> dataViews = new LinkedHashMap<>();
    for (JsonNode view : reader.apply(DATA_VIEWS)) {
      dataViews.put(view.get("id").asText(), view);
    }
    List<JsonNode> dashboards = new ArrayList<>();
    Map<String, JsonNode> panels = new LinkedHashMap<>();
    for (String name : names.stream().filter(name -> !name.equals(DATA_VIEWS)).toList()) {
      JsonNode dashboard = reader.apply(name);
      dashboards.add(dashboard);
      for (JsonNode panel : dashboard.get("panels")) {
        if (panel.has("kind")) {
          JsonNode previous = panels.put(panel.get("id").asText(), panel);
          if (previous != null) {
            throw new IllegalArgumentException(name + ": panel " + panel.get("id").asText() + " is defined twice");
          }
        }
      }
    }
    return new KibanaSources(dataViews, dashboards, panels);
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
