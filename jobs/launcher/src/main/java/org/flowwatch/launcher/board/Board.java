package org.flowwatch.launcher.board;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import org.elasticsearch.client.RestClient;
import org.flowwatch.dashboards.kibana.KibanaSources;
import org.flowwatch.jobs.alertdelivery.channels.cap.CapMessages;
import org.flowwatch.jobs.alertdelivery.channels.webhook.DashboardLinks;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;

/** A running board on one Elasticsearch: its server and the client holding the credentials, closed together. */
public final class Board implements AutoCloseable {
  /** The alerts of every deployment; the guard narrows it to the board's. */
  private static final String ALERTS = "flowwatch-alerts*";
  private final RestClient client;
  private final BoardServer server;

  private Board(RestClient client, BoardServer server) {
    this.client = client;
    this.server = server;
  }

  /**
   * @param publicUrl where readers reach the board (behind a reverse proxy), or null: the bound address
   * @param qualifier only one deployment's indices (e.g. "demo"), or null for every flowwatch index
   * @param capSender the sender of the feed's CAP messages (CAP's {@code <sender>})
   */
  public static Board start(ElasticsearchConnection elasticsearch, InetSocketAddress address, URI publicUrl,
      String qualifier, String capSender) throws IOException {
    SearchGuard guard = new SearchGuard(qualifier);
    RestClient client = ElasticsearchClients.restClient(elasticsearch);
    try {
      BoardSearch search = new ElasticsearchSearch(client);
      // The feed searches through the guard's scope too: one deployment's alerts when the board has a qualifier.
      BoardSearch scoped = (indices, body) -> search.search(guard.scope(indices), body);
      AlertPlaces places = new AlertPlaces(MonitoringPoints.niger());
      return new Board(client, BoardServer.start(address, publicUrl, new BoardDashboards(KibanaSources.bundled()), guard,
          search, bound -> new AlertFeed(scoped, ALERTS, new CapMessages(capSender, new DashboardLinks(
              bound + "dashboards/flowwatch-alerts-dashboard")), places, Clock.systemUTC())));
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
