package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.flowwatch.dashboards.kibana.DashboardContext;

/**
 * What the board lets a browser search: a panel's context-aware request ({@code index}, {@code %context%},
 * {@code %timefield%}, {@code body}) with the dashboard's context, on flowwatch's indices only, read-only, with
 * bounded sizes and a search timeout, in the shapes its panels use ({@link SearchShape}). Everything else is refused
 * with the reason.
 */
public final class SearchGuard {
  /** Most hits one search returns: the open alerts table shows at most this many rows. */
  public static final int MAX_HITS = 200;
  /** Elasticsearch stops collecting after this and answers with what it has (timed_out: true). */
  public static final String SEARCH_TIMEOUT = "10s";

  private static final Set<String> BODY_KEYS = Set.of("size", "aggs", "sort", "_source", "track_total_hits");
  private static final Set<String> REQUEST_KEYS = Set.of("index", "%context%", "%timefield%", "body");
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
    SearchShape.only(request, "request", REQUEST_KEYS);
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
      SearchShape.only(body, "body", BODY_KEYS);
      SearchShape.size(body.path("size"), "body.size", MAX_HITS);
      if (body.has("aggs")) {
        SearchShape.aggregations(body.get("aggs"), "body.aggs", 1);
      }
      if (body.has("sort")) {
        sort(body.get("sort"));
      }
      JsonNode source = body.path("_source");
      if (!source.isMissingNode() && !(source.isArray() && allText(source))) {
        throw refused("body._source must be a list of field names");
      }
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
      SearchShape.query(query, "context.queries");
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
      scoped.addAll(qualified(part));
    }
    if (scoped.stream().allMatch(part -> part.startsWith("-"))) {
      throw refused("the request names only excluded indices: " + index);
    }
    return String.join(",", scoped);
  }

  /**
   * One deployment's part of a pattern: {@code flowwatch-flows*-daily-*} with qualifier demo is
   * {@code flowwatch-flows-demo-daily-*}, {@code flowwatch-alerts*} is {@code flowwatch-alerts-demo-*}: the
   * qualifier is a whole name part, so deployment demo never reads deployment demo2's indices.
   */
  private List<String> qualified(String pattern) {
    if (qualifier == null) {
      return List.of(pattern);
    }
    String sign = pattern.startsWith("-") ? "-" : "";
    String name = pattern.substring(sign.length());
    int star = name.indexOf('*');
    String kind = star < 0 ? name : name.substring(0, star);
    String rest = star < 0 ? "" : name.substring(star + 1);
    if (rest.isEmpty()) {
      return List.of(sign + kind + "-" + qualifier, sign + kind + "-" + qualifier + "-*");
    }
    return List.of(sign + kind + "-" + qualifier + (rest.startsWith("-") ? "" : "-") + rest);
  }

  /** A sort is a list of {field: {"order": "asc"|"desc"}} (or {field: "asc"|"desc"}). */
  private static void sort(JsonNode sort) {
    if (!sort.isArray()) {
      throw refused("body.sort must be a list");
    }
    for (JsonNode order : sort) {
      if (!order.isObject() || order.size() != 1 || !FIELD.matcher(order.fieldNames().next()).matches()) {
        throw refused("body.sort: each entry names one field: " + order);
      }
      JsonNode direction = order.elements().next();
      String value = direction.isObject() && direction.size() == 1 ? direction.path("order").asText()
          : direction.asText();
      if (!value.equals("asc") && !value.equals("desc")) {
        throw refused("body.sort: the order must be asc or desc: " + order);
      }
    }
  }

  private static boolean allText(JsonNode list) {
    for (JsonNode element : list) {
      if (!element.isTextual() || !FIELD.matcher(element.asText()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static BoardRefusal refused(String reason) {
    return SearchShape.refused(reason);
  }
}
