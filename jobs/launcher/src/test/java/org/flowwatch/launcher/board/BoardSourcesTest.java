package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flowwatch.dashboards.kibana.GenerateSavedObjects;
import org.flowwatch.dashboards.kibana.KibanaSources;
import org.junit.jupiter.api.Test;

/**
 * One source of truth: the board renders the very files the Kibana saved objects are generated from. The bundled
 * sources the board reads are byte for byte the files in dashboards/kibana/src, and every panel the board serves
 * carries the same Vega-Lite spec, title and data view as the saved object in the generated NDJSON.
 */
class BoardSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCES = Path.of("../../dashboards/kibana/src");

  @Test
  void theBoardReadsTheFilesTheSavedObjectsAreGeneratedFrom() throws Exception {
    assertThat(KibanaSources.fileNames(SOURCES)).isNotEmpty();
    for (String name : KibanaSources.fileNames(SOURCES)) {
      try (InputStream bundled = KibanaSources.class.getResourceAsStream(KibanaSources.RESOURCES + name)) {
        assertThat(bundled).as("bundled " + name).isNotNull();
        assertThat(new String(bundled.readAllBytes(), StandardCharsets.UTF_8)).as(name)
            .isEqualTo(Files.readString(SOURCES.resolve(name)));
      }
    }
  }

  @Test
  void everyPanelTheBoardServesIsTheSavedObjectKibanaImports() throws Exception {
    Map<String, JsonNode> savedObjects = new HashMap<>();
    try (InputStream in = GenerateSavedObjects.class.getResourceAsStream(GenerateSavedObjects.RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode object = JSON.readTree(line);
        savedObjects.put(object.get("type").asText() + ":" + object.get("id").asText(), object);
      }
    }
    BoardDashboards board = new BoardDashboards(KibanaSources.bundled());
    int vegaPanels = 0;
    int searches = 0;
    for (JsonNode listed : board.list()) {
      JsonNode dashboard = board.describe(listed.get("id").asText());
      JsonNode savedDashboard = savedObjects.get("dashboard:" + listed.get("id").asText());
      assertThat(dashboard.get("title")).isEqualTo(savedDashboard.at("/attributes/title"));
      JsonNode placed = JSON.readTree(savedDashboard.at("/attributes/panelsJSON").asText());
      assertThat(dashboard.get("panels")).hasSameSizeAs(placed);
      for (JsonNode panel : dashboard.get("panels")) {
        String id = panel.get("id").asText();
        if (panel.get("kind").asText().equals("vega")) {
          JsonNode visState = JSON.readTree(savedObjects.get("visualization:" + id).at("/attributes/visState")
              .asText());
          assertThat(panel.get("spec")).as(id).isEqualTo(JSON.readTree(visState.at("/params/spec").asText()));
          assertThat(panel.get("title")).isEqualTo(visState.get("title"));
          vegaPanels++;
        } else {
          JsonNode search = savedObjects.get("search:" + id);
          assertThat(panel.get("columns")).as(id).isEqualTo(search.at("/attributes/columns"));
          assertThat(panel.at("/request/index").asText()).isEqualTo(
              KibanaSources.bundled().dataView(search.at("/references/0/id").asText()).get("title").asText());
          searches++;
        }
      }
    }
    assertThat(vegaPanels).isGreaterThan(10);
    assertThat(searches).isGreaterThan(0);
  }
}
