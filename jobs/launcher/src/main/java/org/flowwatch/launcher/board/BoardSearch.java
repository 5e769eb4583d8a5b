package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One search on Elasticsearch ({@code POST /<indices>/_search}), the only way the board reads data. What reaches it
 * has passed {@link SearchGuard}; the implementation holds the credentials.
 */
@FunctionalInterface
public interface BoardSearch {
  /**
   * @param indices a comma-separated index expression, each part a flowwatch index pattern
   * @param body the search body (query, aggs, sort, size, _source)
   * @return Elasticsearch's response as it answered
   */
  JsonNode search(String indices, ObjectNode body) throws IOException;
}
