package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search shapes the board runs, as an allow-list: the aggregations and query clauses its panels use, each with the
 * parameters they use, checked all the way down. Anything else (scripts, wrapped queries, lookups into other indices,
 * global aggregations that escape the time range, tiny histogram intervals) is refused with where it was found.
 */
final class SearchShape {
  /** Most buckets (or hits) one aggregation may ask for. */
  static final int MAX_AGGREGATION_SIZE = 1000;
  /** Most top hits per bucket: the map panel takes one document per point. */
  static final int MAX_TOP_HITS = 10;
  /** Aggregations nest at most this deep (the deepest panel nests four). */
  static final int MAX_DEPTH = 5;

  private static final Set<String> METRICS = Set.of("sum", "max", "min", "avg", "value_count");
  private static final Set<String> CALENDAR_INTERVALS = Set.of("1h", "1d", "1w", "1M", "1q", "1y", "hour", "day",
      "week", "month", "quarter", "year");
  /** Fixed intervals of at least a minute: a histogram over a year then has at most about half a million buckets. */
  private static final Pattern FIXED_INTERVAL = Pattern.compile("[1-9][0-9]*[mhd]");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9@_.]+");

  private SearchShape() {}

  static void aggregations(JsonNode aggs, String path, int depth) {
    if (!aggs.isObject()) {
      throw refused(path + " must be an object of named aggregations");
    }
    if (depth > MAX_DEPTH) {
      throw refused(path + ": aggregations nest at most " + MAX_DEPTH + " deep");
    }
    for (Iterator<Map.Entry<String, JsonNode>> named = aggs.fields(); named.hasNext(); ) {
      Map.Entry<String, JsonNode> aggregation = named.next();
      String here = path + "." + aggregation.getKey();
      JsonNode definition = aggregation.getValue();
      int types = 0;
      for (Iterator<Map.Entry<String, JsonNode>> parts = definition.fields(); parts.hasNext(); ) {
        Map.Entry<String, JsonNode> part = parts.next();
        if (part.getKey().equals("aggs") || part.getKey().equals("aggregations")) {
          aggregations(part.getValue(), here + "." + part.getKey(), depth + 1);
        } else {
          types++;
          aggregation(part.getKey(), part.getValue(), here + "." + part.getKey());
        }
      }
      if (types != 1) {
        throw refused(here + " must be exactly one aggregation");
      }
    }
  }

  private static void aggregation(String type, JsonNode parameters, String path) {
    if (METRICS.contains(type)) {
      only(parameters, path, Set.of("field"));
      field(parameters.path("field"), path + ".field");
      return;
    }
    switch (type) {
      case "terms" -> {
        only(parameters, path, Set.of("field", "size", "order", "min_doc_count"));
        field(parameters.path("field"), path + ".field");
        size(parameters.path("size"), path + ".size", MAX_AGGREGATION_SIZE);
      }
      case "date_histogram" -> {
        only(parameters, path, Set.of("field", "calendar_interval", "fixed_interval", "min_doc_count", "time_zone",
            "format"));
        field(parameters.path("field"), path + ".field");
        if (parameters.has("calendar_interval")
            && !CALENDAR_INTERVALS.contains(parameters.get("calendar_interval").asText())) {
          throw refused(path + ".calendar_interval must be one of " + CALENDAR_INTERVALS);
        }
        if (parameters.has("fixed_interval")
            && !FIXED_INTERVAL.matcher(parameters.get("fixed_interval").asText()).matches()) {
          throw refused(path + ".fixed_interval must be whole minutes, hours or days (e.g. 1h)");
        }
        if (parameters.path("min_doc_count").asInt(1) < 1) {
          throw refused(path + ".min_doc_count must be at least 1: empty buckets are not filled in");
        }
      }
      case "top_hits" -> {
        only(parameters, path, Set.of("size", "_source", "sort"));
        size(parameters.path("size"), path + ".size", MAX_TOP_HITS);
      }
      case "filter" -> query(parameters, path);
      case "filters" -> {
        only(parameters, path, Set.of("filters"));
        JsonNode filters = parameters.path("filters");
        if (!filters.isObject()) {
          throw refused(path + ".filters must be an object of named queries");
        }
        filters.fields().forEachRemaining(filter -> query(filter.getValue(), path + ".filters." + filter.getKey()));
      }
      default -> throw refused(path + ": the board does not run " + type + " aggregations");
    }
  }

  /** One query clause: term, terms (values only, no lookup), range, exists, match_all, or bool of those. */
  static void query(JsonNode clause, String path) {
    if (!clause.isObject() || clause.size() != 1) {
      throw refused(path + " must be one query clause");
    }
    Map.Entry<String, JsonNode> only = clause.fields().next();
    String type = only.getKey();
    JsonNode body = only.getValue();
    String here = path + "." + type;
    switch (type) {
      case "match_all" -> only(body, here, Set.of());
      case "exists" -> {
        only(body, here, Set.of("field"));
        field(body.path("field"), here + ".field");
      }
      case "term" -> singleField(body, here, value -> value.isValueNode()
          || value.isObject() && value.size() == 1 && value.has("value") && value.get("value").isValueNode());
      case "terms" -> singleField(body, here, value -> value.isArray() && allScalars(value));
      case "range" -> singleField(body, here, value -> value.isObject() && Set.of("gt", "gte", "lt", "lte", "format")
          .containsAll(keys(value)) && allScalars(value));
      case "bool" -> {
        only(body, here, Set.of("filter", "must", "must_not", "should"));
        body.fields().forEachRemaining(occurrence -> {
          JsonNode clauses = occurrence.getValue();
          if (clauses.isArray()) {
            clauses.forEach(inner -> query(inner, here + "." + occurrence.getKey()));
          } else {
            query(clauses, here + "." + occurrence.getKey());
          }
        });
      }
      default -> throw refused(path + ": the board does not run " + type + " queries");
    }
  }

  private static void singleField(JsonNode body, String path, java.util.function.Predicate<JsonNode> valid) {
    if (!body.isObject() || body.size() != 1) {
      throw refused(path + " must name exactly one field");
    }
    Map.Entry<String, JsonNode> field = body.fields().next();
    field(new com.fasterxml.jackson.databind.node.TextNode(field.getKey()), path);
    if (!valid.test(field.getValue())) {
      throw refused(path + "." + field.getKey() + " has a value the board does not accept: " + field.getValue());
    }
  }

  private static boolean allScalars(JsonNode container) {
    for (JsonNode value : container) {
      if (!value.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static void only(JsonNode node, String path, Set<String> allowed) {
    if (!node.isObject()) {
      throw refused(path + " must be an object");
    }
    for (String key : keys(node)) {
      if (!allowed.contains(key)) {
        throw refused(path + " may hold only " + allowed.stream().sorted().toList() + ", not '" + key + "'");
      }
    }
  }

  static void size(JsonNode size, String path, int max) {
    if (size.isMissingNode()) {
      return;
    }
    if (!size.isInt() || size.asInt() < 0 || size.asInt() > max) {
      throw refused(path + " " + size + " must be a whole number from 0 to the board's limit of " + max);
    }
  }

  private static void field(JsonNode field, String path) {
    if (!field.isTextual() || !FIELD.matcher(field.asText()).matches()) {
      throw refused(path + " must be a field name");
    }
  }

  static BoardRefusal refused(String reason) {
    return new BoardRefusal(400, reason);
  }
}
