package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The demo command end to end against the real servers: it runs for its duration, exits 0, leaves hourly documents of
 * both input streams in Elasticsearch, and exposes the job's metrics to Prometheus while it runs.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class DemoCommandIT {
  /** Free ports of this run: a fixed one could be held by a test run of another checkout on this machine. */
  private static final int METRICS_PORT = LoopbackPorts.free();
  private static final int WEB_UI_PORT = LoopbackPorts.free();

  @Test
  void shouldIndexHourlyFlowsAndExposeMetricsThenExitCleanly() throws Exception {
    CompletableFuture<String> scraped = CompletableFuture.supplyAsync(DemoCommandIT::scrapeWhileRunning);

    int exitCode = new CommandLine(new FlowwatchCommand()).execute("demo", "--duration", "40", "--speed", "3600",
        "--kafka", RealKafka.bootstrapServers(), "--elasticsearch", RealElasticsearch.url(),
        "--web-ui-port", String.valueOf(WEB_UI_PORT), "--metrics-port", String.valueOf(METRICS_PORT), "--report-every", "5");

    assertThat(exitCode).isZero();
    try (RestClientTransport transport = ElasticsearchClients.transport(RealElasticsearch.url())) {
      var client = ElasticsearchClients.blocking(transport);
      client.indices().refresh(r -> r.index(DemoCommand.INDEX));
      assertThat(client.count(c -> c.index(DemoCommand.INDEX)).count()).isPositive();
      for (String kind : new String[] {"FLOW_MONITORING", "BORDER_CROSSING"}) {
        assertThat(client.count(c -> c.index(DemoCommand.INDEX)
            .query(q -> q.term(t -> t.field("source_kind").value(kind)))).count()).as(kind).isPositive();
      }
    }
    String metrics = scraped.get();
    assertThat(metrics).contains("recordsIn").contains("recordsRejected").contains("reason=\"UNKNOWN_POINT\"")
        .contains("duplicateRecords").contains("elasticsearchBulkRequests").contains("eventTimeLagMs");
  }

  /** The Prometheus endpoint's text once the job's operators have registered their metrics. */
  private static String scrapeWhileRunning() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build();
    String last = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (last.contains("elasticsearchBulkRequests") && last.contains("recordsRejected")) {
          return last;
        }
      } catch (Exception e) {
        // not up yet
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
    }
    return last;
  }
}
