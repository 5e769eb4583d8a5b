package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flowwatch.dashboards.kibana.DashboardContext;

/**
 * What the board lets a browser search: a panel's context-aware request ({@code index}, {@code %context%},
 * {@code %timefield%}, {@code body}) with the dashboard's context, on flowwatch's indices only, read-only, with
 * bounded sizes and a search timeout. Everything else is refused with the reason. Scripts are refused anywhere: no
 * panel needs one, and they are the way a search computes what it was not meant to.
 */
public final class SearchGuard {
  /** Most hits one search returns: the open alerts table shows at most this many rows. */
  public static final int MAX_HITS = 200;
  /** Most buckets (or top hits) any one aggregation asks for. */
  public static final int MAX_AGGREGATION_SIZE = 1000;
  /** Elasticsearch stops collecting after this and answers with what it has (timed_out: true). */
  public static final String SEARCH_TIMEOUT = "10s";

  private static final Set<String> BODY_KEYS = Set.of("size", "aggs", "aggregations", "sort", "_source",
      "track_total_hits");
  private static final Set<String> REQUEST_KEYS = Set.of("index", "%context%", "%timefield%", "body");
  private static final Set<String> FORBIDDEN_ANYWHERE = Set.of("script", "scripted_metric", "script_fields",
      "runtime_mappings", "stored_fields", "docvalue_fields", "pit", "scroll");
  /** One index pattern of flowwatch's, optionally excluded with '-': no remote clusters, no system indices. */
  private static final Pattern INDEX = Pattern.compile("-?flowwatch-[a-z0-9*._-]*");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9@_.]+");
  private static final Pattern TIME = Pattern.compile("now([+-][0-9]+[yMwdhHms])*(/[yMwdhHms])?"
      + "|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9:]+)?)?");

  private final String qualifier;

  /**
   * @param qualifier when set, only the indices of one deployment ({@code flowwatch-<kind>-<qualifier>...}, e.g. the
   *     demo's), else every flowwatch index the request's patterns match
   */
  public SearchGuard(String qualifier) {
    if (qualifier != null && !qualifier.matches("[a-z0-9][a-z0-9_.-]*")) {
      throw new IllegalArgumentException("--index-qualifier must be lower-case letters, digits, '_', '.' or '-': '"
          + qualifier + "'");
    }
    this.qualifier = qualifier;
  }

  /** A search the board runs: the index expression and the body Elasticsearch gets. */
  public record Search(String indices, ObjectNode body) {}

  /** Checks a browser's search ({@code {"request": ..., "context": ...}}) and returns what to send. */
  public Search check(JsonNode search) {
    JsonNode request = search.path("request");
    if (!request.isObject()) {
      throw refused("the search has no request object");
    }
    onlyKeys(request, REQUEST_KEYS, "request");
    if (!request.path("%context%").asBoolean(false)) {
      throw refused("the request must be context-aware (\"%context%\": true): the board always applies the "
          + "dashboard's time range");
    }
    String timeField = request.path("%timefield%").asText("");
    if (!FIELD.matcher(timeField).matches()) {
      throw refused("the request must name its time field (\"%timefield%\")");
    }
    JsonNode body = request.path("body");
    if (!body.isMissingNode() && !body.isObject()) {
      throw refused("the request's body must be an object");
    }
    if (body.isObject()) {
      onlyKeys(body, BODY_KEYS, "body");
      if (body.path("size").asInt(0) > MAX_HITS || body.path("size").asInt(0) < 0) {
        throw refused("size " + body.path("size") + " is over the board's limit of " + MAX_HITS + " hits");
      }
      noForbiddenKeys(body, "body");
    }
    ObjectNode expanded = context(search.path("context")).expand(request);
    expanded.put("timeout", SEARCH_TIMEOUT);
    return new Search(indices(request.path("index")), expanded);
  }

  private DashboardContext context(JsonNode context) {
    if (!context.isObject()) {
      throw refused("the search has no context (time range and selections)");
    }
    String from = time(context, "timeFrom");
    String to = time(context, "timeTo");
    List<DashboardContext.Selection> selections = new ArrayList<>();
    for (JsonNode selection : context.path("selections")) {
      String field = selection.path("field").asText("");
      if (!FIELD.matcher(field).matches() || !selection.path("value").isTextual()) {
        throw refused("a selection must be {\"field\": <field name>, \"value\": <text>}: " + selection);
      }
      selections.add(new DashboardContext.Selection(field, selection.get("value").asText()));
    }
    List<JsonNode> queries = new ArrayList<>();
    for (JsonNode query : context.path("queries")) {
      if (!query.isObject() || query.size() != 1 || !Set.of("term", "terms", "range", "match_all", "exists")
          .contains(query.fieldNames().next())) {
        throw refused("a saved query must be one term, terms, range, exists or match_all clause: " + query);
      }
      noForbiddenKeys(query, "query");
      queries.add(query);
    }
    return new DashboardContext(from, to, selections, queries);
  }

  private static String time(JsonNode context, String key) {
    String value = context.path(key).asText("");
    if (!TIME.matcher(value).matches()) {
      throw refused(key + " must be an ISO date-time or date math such as now-30d/d: '" + value + "'");
    }
    return value;
  }

  private String indices(JsonNode index) {
    if (!index.isTextual() || index.asText().isBlank()) {
      throw refused("the request must name the indices to search");
    }
    return scope(index.asText());
  }

  /** The index expression narrowed to the board's deployment, each part checked to be flowwatch's. */
  public String scope(String index) {
    List<String> scoped = new ArrayList<>();
    for (String part : index.split(",")) {
      if (!INDEX.matcher(part).matches() || part.contains("..")) {
        throw refused("the board searches flowwatch's indices only (flowwatch-*), not '" + part + "'");
      }
      scoped.add(qualified(part));
    }
    if (scoped.stream().allMatch(part -> part.startsWith("-"))) {
      throw refused("the request names only excluded indices: " + index);
    }
    return String.join(",", scoped);
  }

  /** flowwatch-flows*-daily-* with qualifier demo: flowwatch-flows-demo*-daily-* (a pattern of one deployment). */
  private String qualified(String pattern) {
    if (qualifier == null) {
      return pattern;
    }
    boolean excluded = pattern.startsWith("-");
    String name = excluded ? pattern.substring(1) : pattern;
    int star = name.indexOf('*');
    String kind = star < 0 ? name : name.substring(0, star);
    String rest = star < 0 ? "" : name.substring(star);
    return (excluded ? "-" : "") + kind + "-" + qualifier + (rest.isEmpty() ? "*" : rest);
  }

  private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        throw refused(where + " may hold only " + allowed.stream().sorted().toList() + ", not '" + key + "'");
      }
    }
  }

  private static void noForbiddenKeys(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String here = path + "." + field.getKey();
        if (FORBIDDEN_ANYWHERE.contains(field.getKey())) {
          throw refused(here + ": the board does not run " + field.getKey());
        }
        if (field.getKey().equals("size") && field.getValue().asInt(0) > MAX_AGGREGATION_SIZE) {
          throw refused(here + " " + field.getValue() + " is over the board's limit of " + MAX_AGGREGATION_SIZE);
        }
        noForbiddenKeys(field.getValue(), here);
      }
    } else if (node.isArray()) {
      node.forEach(element -> noForbiddenKeys(element, path));
    }
  }

  private static BoardRefusal refused(String reason) {
    return new BoardRefusal(400, reason);
  }
}
