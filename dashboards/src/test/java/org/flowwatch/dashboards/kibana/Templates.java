package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.testing.DashboardFixture;

/** The index templates' mappings, flattened to field path -> type, and which template maps a data view. */
final class Templates {
  static final List<String> NAMES = DashboardFixture.TEMPLATES;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Templates() {}

  static JsonNode template(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(
        "/flowwatch/dashboards/elasticsearch/index-templates/" + name + ".json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The template a data view's indices match: the longest template name its id starts with. */
  static String forDataView(String dataViewId) {
    return NAMES.stream().filter(dataViewId::startsWith).max(java.util.Comparator.comparingInt(String::length))
        .orElseThrow(() -> new AssertionError("no index template for data view " + dataViewId));
  }

  static Map<String, String> fields(String name) {
    return fields(template(name));
  }

  /** The mapped fields of an index template, as dotted path -> Elasticsearch type. */
  static Map<String, String> fields(JsonNode template) {
    Map<String, String> fields = new LinkedHashMap<>();
    flatten("", template.at("/template/mappings/properties"), fields);
    return fields;
  }

  private static void flatten(String prefix, JsonNode properties, Map<String, String> fields) {
    properties.fields().forEachRemaining(entry -> {
      JsonNode mapping = entry.getValue();
      String path = prefix + entry.getKey();
      if (mapping.has("properties")) {
        flatten(path + ".", mapping.get("properties"), fields);
      } else {
        fields.put(path, mapping.get("type").asText());
      }
    });
  }
}
