package org.flowwatch.dashboards.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every field a saved object uses exists in the index template behind its data view, with a type the use needs: a sum
 * or max over a number (or a date for max), terms over a keyword or a number, a date histogram over a date, a filter
 * on a field that is indexed; the columns, sort and query of saved searches, and the fields of the controls.
 */
class FieldContractTest {
  private static final KibanaSources SOURCES = KibanaSources.read(Path.of("kibana/src"));
  private static final Set<String> NUMBERS = Set.of("long", "integer", "short", "byte", "double", "float");
  private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_@][\\w.@]*)\\s*:");

  /** A use of a field: which field, how, in which panel. */
  private record Use(String field, String how, String where) {}

  @Test
  void everyFieldAVegaPanelAggregatesOrFiltersOnExistsWithACompatibleType() {
    for (JsonNode panel : SOURCES.panels().values()) {
      if (!panel.get("kind").asText().equals("vega")) {
        continue;
      }
      Map<String, String> fields = Templates.fields(Templates.forDataView(panel.get("dataView").asText()));
      List<Use> uses = new ArrayList<>();
      collect(panel.get("aggs"), null, panel.get("id").asText(), uses);
      assertThat(uses).as(panel.get("id").asText()).isNotEmpty();
      for (Use use : uses) {
        String type = fields.get(use.field());
        assertThat(type).as("%s uses %s (%s): not in the template", use.where(), use.field(), use.how()).isNotNull();
        assertThat(compatible(use.how(), type)).as("%s: %s on %s field %s", use.where(), use.how(), type, use.field())
            .isTrue();
      }
    }
  }

  @Test
  void savedSearchesAndControlsUseFieldsTheTemplatesHave() {
    for (JsonNode panel : SOURCES.panels().values()) {
      if (!panel.get("kind").asText().equals("search")) {
        continue;
      }
      Map<String, String> fields = Templates.fields(Templates.forDataView(panel.get("dataView").asText()));
      panel.get("columns").forEach(column -> assertThat(fields).containsKey(column.asText()));
      panel.get("sort").forEach(sort -> assertThat(fields).containsKey(sort.get(0).asText()));
      Matcher matcher = KQL_FIELD.matcher(panel.get("kql").asText());
      int found = 0;
      while (matcher.find()) {
        assertThat(fields).as("KQL of %s", panel.get("id")).containsKey(matcher.group(1));
        found++;
      }
      assertThat(found).isPositive();
      List<Use> uses = new ArrayList<>();
      collect(panel.get("equivalentQuery"), null, panel.get("id").asText(), uses);
      uses.forEach(use -> assertThat(fields).containsKey(use.field()));
    }
    for (JsonNode dashboard : SOURCES.dashboards()) {
      for (JsonNode control : dashboard.get("controls")) {
        Map<String, String> fields = Templates.fields(Templates.forDataView(control.get("dataView").asText()));
        assertThat(fields.get(control.get("field").asText())).as("control %s of %s", control.get("field"),
            dashboard.get("id")).isIn("keyword");
      }
    }
  }

  private static boolean compatible(String how, String type) {
    return switch (how) {
      case "sum", "avg" -> NUMBERS.contains(type);
      case "max", "min" -> NUMBERS.contains(type) || type.equals("date");
      case "terms", "term", "terms-filter" -> type.equals("keyword") || NUMBERS.contains(type);
      case "date_histogram" -> type.equals("date");
      case "range" -> NUMBERS.contains(type) || type.equals("date");
      case "source" -> true;
      default -> false;
    };
  }

  /** Walks an aggregation (or query) tree and records every field it names and how it uses it. */
  private static void collect(JsonNode node, String how, String where, List<Use> uses) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      switch (key) {
        case "sum", "avg", "max", "min", "terms", "date_histogram" -> {
          if (value.has("field")) {
            uses.add(new Use(value.get("field").asText(), key, where));
          } else if (key.equals("terms")) {
            value.fieldNames().forEachRemaining(field -> uses.add(new Use(field, "terms-filter", where)));
          }
          collect(value, key, where, uses);
        }
        case "term", "range" -> value.fieldNames().forEachRemaining(field -> uses.add(new Use(field, key, where)));
        case "top_hits" -> value.at("/_source/includes").forEach(field -> uses.add(new Use(field.asText(), "source",
            where)));
        default -> collect(value, how, where, uses);
      }
    }
  }
}
