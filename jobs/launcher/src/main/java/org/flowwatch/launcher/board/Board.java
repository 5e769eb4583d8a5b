package org.flowwatch.launcher.board;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.elasticsearch.client.RestClient;
import org.flowwatch.dashboards.kibana.KibanaSources;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;

/** A running board on one Elasticsearch: its server and the client holding the credentials, closed together. */
public final class Board implements AutoCloseable {
  private final RestClient client;
  private final BoardServer server;

  private Board(RestClient client, BoardServer server) {
    this.client = client;
    this.server = server;
  }

  /**
   * @param qualifier only one deployment's indices (e.g. "demo"), or null for every flowwatch index
   */
  public static Board start(ElasticsearchConnection elasticsearch, InetSocketAddress address, String qualifier)
      throws IOException {
    SearchGuard guard = new SearchGuard(qualifier);
    RestClient client = ElasticsearchClients.restClient(elasticsearch);
    try {
      BoardSearch search = new ElasticsearchSearch(client);
      return new Board(client, BoardServer.start(address, new BoardDashboards(KibanaSources.bundled()), guard,
          search, (path, query, base) -> {
            throw new BoardRefusal(404, "no feed at " + path);
          }));
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  public URI address() {
    return server.address();
  }

  @Override
  public void close() throws IOException {
    server.close();
    client.close();
  }
}
