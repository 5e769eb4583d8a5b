package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The board's searches on the real Elasticsearch: {@code POST /<indices>/_search}, nothing else, with the client's
 * credentials (the browser never sees them). Indices that do not exist yet match nothing rather than fail, so an empty
 * deployment shows empty panels.
 */
public final class ElasticsearchSearch implements BoardSearch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RestClient client;

  public ElasticsearchSearch(RestClient client) {
    this.client = client;
  }

  @Override
  public JsonNode search(String indices, ObjectNode body) throws IOException {
    Request request = new Request("POST", "/" + URLEncoder.encode(indices, StandardCharsets.UTF_8)
        .replace("%2C", ",").replace("%2A", "*") + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    request.setEntity(new NStringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    try {
      try (InputStream in = client.performRequest(request).getEntity().getContent()) {
        return JSON.readTree(in);
      }
    } catch (ResponseException e) {
      // Elasticsearch's own reason for refusing a search the guard let through (a field of the wrong type, say);
      // anything else (a proxy's page, credentials refused) is the board's log's business, not the browser's.
      String reason = null;
      try {
        if (e.getResponse().getEntity() != null) {
          reason = JSON.readTree(e.getResponse().getEntity().getContent()).path("error").path("root_cause").path(0)
              .path("reason").asText(null);
        }
      } catch (IOException notJson) {
        reason = null;
      }
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 400 && reason != null) {
        throw new BoardRefusal(502, "Elasticsearch refused the search: " + reason);
      }
      throw new IOException("Elasticsearch answered " + status + " to a search of " + indices, e);
    }
  }
}
