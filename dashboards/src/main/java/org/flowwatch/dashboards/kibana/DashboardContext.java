package org.flowwatch.dashboards.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a dashboard puts into a panel's search where the panel's request says {@code "%context%": true}: the time range
 * on the request's {@code %timefield%}, the controls' selections and any saved query, all as filters. This is how
 * Kibana's Vega panels fill {@code %context%} (with Kibana's default of applying every dashboard filter to every
 * panel), and the only place flowwatch does it: the board's server and the panel query tests both expand through here.
 *
 * @param timeFrom start of the time range, an ISO instant or Elasticsearch date math such as {@code now-30d/d}
 * @param timeTo end of the time range, inclusive
 * @param selections one term filter per chosen control value
 * @param queries further query clauses (a saved search's own query), each a filter
 */
public record DashboardContext(String timeFrom, String timeTo, List<Selection> selections, List<JsonNode> queries) {
  public DashboardContext {
    Objects.requireNonNull(timeFrom, "timeFrom");
    Objects.requireNonNull(timeTo, "timeTo");
    selections = List.copyOf(selections);
    queries = List.copyOf(queries);
  }

  /** A control's chosen value: documents whose {@code field} is {@code value}. */
  public record Selection(String field, String value) {
    public Selection {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
    }
  }

  public static DashboardContext timeRange(String timeFrom, String timeTo) {
    return new DashboardContext(timeFrom, timeTo, List.of(), List.of());
  }

  /**
   * The search body a context-aware request stands for: its {@code body} with the context as the query.
   *
   * @throws IllegalArgumentException when the request is not context-aware or also sets its own query (Kibana refuses
   *     both together)
   */
  public ObjectNode expand(JsonNode request) {
    if (!request.path("%context%").asBoolean(false)) {
      throw new IllegalArgumentException("the request has no \"%context%\": true, so there is nowhere to put the "
          + "dashboard's time range and filters");
    }
    JsonNode given = request.path("body");
    if (given.has("query")) {
      throw new IllegalArgumentException("a request with \"%context%\" must not set body.query: the context is its query");
    }
    ObjectNode body = given.isObject() ? ((ObjectNode) given).deepCopy() : KibanaSources.JSON.createObjectNode();
    ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
    String timeField = request.path("%timefield%").asText("");
    if (!timeField.isEmpty()) {
      filter.addObject().putObject("range").putObject(timeField).put("gte", timeFrom).put("lte", timeTo)
          .put("format", "strict_date_optional_time");
    }
    for (Selection selection : selections) {
      filter.addObject().putObject("term").put(selection.field(), selection.value());
    }
    queries.forEach(query -> filter.add(query.deepCopy()));
    return body;
  }
}
