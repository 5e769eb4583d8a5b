package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alert episodes of the demo as its alerts index holds them (one document per episode, in its latest revision):
 * a line for each episode the first time it shows and for each later revision (escalated, resolved), so the demo
 * prints what an operator would see in Elasticsearch. Remembers when the planted surge's episode first showed.
 */
final class DemoAlerts {
  /** The lines to print after one poll (new episodes and revisions) and how many episodes are not resolved. */
  record Poll(List<String> lines, int open, int notShown) {}

  private final ElasticsearchClient client;
  private final String index;
  private final String plantedSeries;
  private final String plantedRoute;
  private final Map<String, Long> revisions = new HashMap<>();
  private String plantedAlert;
  private int notShown;

  /** @param plantedSeries the series key of the planted surge's route (its episode is the one the demo waits for), or null */
  DemoAlerts(ElasticsearchClient client, String index, String plantedSeries, String plantedRoute) {
    this.client = client;
    this.index = index;
    this.plantedSeries = plantedSeries;
    this.plantedRoute = plantedRoute;
  }

  /** The id of the planted surge's episode, once it opened; null before. */
  String plantedAlert() {
    return plantedAlert;
  }

  Poll poll() {
    List<String> lines = new ArrayList<>();
    int open = 0;
    try {
      var response = client.search(s -> s.index(index).size(500).ignoreUnavailable(true).allowNoIndices(true)
          .sort(o -> o.field(f -> f.field("updated_at").order(SortOrder.Asc))), JsonNode.class);
      for (Hit<JsonNode> hit : response.hits().hits()) {
        JsonNode alert = hit.source();
        if (alert == null) {
          continue;
        }
        String status = alert.path("status").asText();
        if (!"RESOLVED".equals(status)) {
          open++;
        }
        String id = alert.path("alert_id").asText();
        long revision = alert.path("revision").asLong();
        Long shown = revisions.put(id, revision);
        if (shown != null && shown >= revision) {
          revisions.put(id, shown);
          continue;
        }
        // Route and point series in full; of the many route x nationality series, only the planted route's.
        if (!"ROUTE_NATIONALITY".equals(alert.path("level").asText())
            || alert.path("route").asText().equals(plantedRoute)) {
          lines.add(line(alert, shown == null));
        } else if (shown == null) {
          notShown++;
        }
        if (shown == null && plantedAlert == null && "SURGE".equals(alert.path("signal").asText())
            && alert.path("series_key").asText().equals(plantedSeries)) {
          plantedAlert = id;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The index appears with the first alert; until then (or while Elasticsearch is busy) there is nothing to show.
    }
    return new Poll(lines, open, notShown);
  }

  /** "ALERT opened: surge on route AGADEZ-LIBYA (outgoing): 412 observed vs 180 expected (threshold 250), ...". */
  static String line(JsonNode alert, boolean first) {
    String status = alert.path("status").asText();
    String verb = first ? "opened" : switch (status) {
      case "ESCALATED" -> "escalated";
      case "RESOLVED" -> "resolved";
      default -> "updated";
    };
    String now = first && !"OPEN".equals(status) ? ", now " + status.toLowerCase(Locale.ROOT) : "";
    String figures = alert.path("signal").asText().equals("SILENCE") ? ""
        : String.format(": %,.0f observed vs %,.0f expected (threshold %,.0f) in 24 h", alert.path("observed").asDouble(),
            alert.path("expected").asDouble(), alert.path("threshold").asDouble());
    return String.format("ALERT %s: %s on %s%s, severity %s, since %s%s (id %s)", verb,
        alert.path("signal").asText().toLowerCase(Locale.ROOT), series(alert), figures,
        alert.path("severity").asText(), alert.path("@timestamp").asText(), now, alert.path("alert_id").asText());
  }

  private static String series(JsonNode alert) {
    String direction = alert.path("direction").asText("").toLowerCase(Locale.ROOT);
    String where = switch (alert.path("level").asText()) {
      case "POINT" -> "point " + alert.path("point_code").asText();
      case "ROUTE_NATIONALITY" -> "route " + alert.path("route").asText() + ", nationality "
          + alert.path("nationality").asText();
      default -> "route " + alert.path("route").asText();
    };
    return direction.isEmpty() ? where : where + " (" + direction + ")";
  }
}
