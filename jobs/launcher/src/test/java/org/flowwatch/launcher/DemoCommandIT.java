package org.flowwatch.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.RealWebhookReceiver;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo command end to end against the real servers, a real webhook receiver that verifies signatures with its own
 * code and the demo's own SMTP server: weeks of history, then live with the planted surge until its alert has been
 * delivered by webhook and by email (a condition, bounded by a generous duration); it exits 0, every record sent is
 * accounted for, hourly documents of both input streams are in Elasticsearch, the jobs' metrics were exposed to
 * Prometheus while it ran, and the receiver holds the signed JSON of the alert.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class DemoCommandIT {
  /** Writes to two streams: the test still shows the demo's output as it runs. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutputStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }

  /** Free ports of this run: a fixed one could be held by a test run of another checkout on this machine. */
  private static final int METRICS_PORT = LoopbackPorts.free();
  private static final int WEB_UI_PORT = LoopbackPorts.free();
  private static final int SMTP_PORT = LoopbackPorts.free();
  private static final int BOARD_PORT = LoopbackPorts.free();

  @Test
  void shouldDetectThePlantedSurgeAndDeliverItsAlertThenExitCleanly(@TempDir Path demoDirectory) throws Exception {
    AtomicBoolean demoRunning = new AtomicBoolean(true);
    CompletableFuture<String> scraped = CompletableFuture.supplyAsync(() -> scrapeWhileRunning(demoRunning));
    CompletableFuture<String> feed = CompletableFuture.supplyAsync(() -> readTheBoardsFeedWhileRunning(demoRunning));

    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exitCode;
    try (RealWebhookReceiver receiver = RealWebhookReceiver.start()) {
      try {
        System.setOut(new PrintStream(new TeeOutputStream(console, printed), true, StandardCharsets.UTF_8));
        exitCode = FlowwatchCommand.commandLine().execute("demo", "--until-delivered", "--duration", "900",
            "--kafka", RealKafka.bootstrapServers(), "--elasticsearch", RealElasticsearch.url(),
            "--webhook-receiver-port", String.valueOf(receiver.port()),
            "--webhook-receiver-home", receiver.home().toString(), "--smtp-port", String.valueOf(SMTP_PORT),
            "--demo-dir", demoDirectory.toString(), "--web-ui-port", String.valueOf(WEB_UI_PORT),
            "--metrics-port", String.valueOf(METRICS_PORT), "--board-port", String.valueOf(BOARD_PORT),
            "--report-every", "5");
      } finally {
        demoRunning.set(false);
        System.setOut(console);
      }
      List<RealWebhookReceiver.Received> alerts = receiver.received("/hooks/protection-agadez");
      assertThat(alerts).as("the planted surge's alert, signed").isNotEmpty()
          .allSatisfy(request -> assertThat(request.verified()).isTrue());
      assertThat(alerts.get(0).body()).contains("\"route\":\"AGADEZ-LIBYA\"").contains("\"transition\":\"OPENED\"");
      List<RealWebhookReceiver.Received> cap = receiver.received("/hooks/early-warning-cap");
      assertThat(cap).as("the alert in CAP 1.2, signed").isNotEmpty()
          .allSatisfy(request -> assertThat(request.verified()).isTrue());
      assertThat(cap.get(0).body()).contains("<msgType>Alert</msgType>");
    }
    try (var mails = Files.list(demoDirectory.resolve("mail"))) {
      assertThat(mails.toList()).as("the email, saved as it arrived over SMTP").isNotEmpty();
    }

    assertThat(exitCode).isZero();
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).as("the planted surge's alert and its deliveries")
        .containsPattern("ALERT opened: surge on route AGADEZ-LIBYA \\(outgoing\\): [0-9,]+ observed vs [0-9,]+ expected")
        .containsPattern("DELIVERY DELIVERED 204: immediate webhook-1 of demo-protection-agadez")
        .containsPattern("DELIVERY DELIVERED 250: immediate email-1 of demo-protection-agadez")
        .contains("delivered by webhook: yes, by email: yes");
    assertThat(output).as("progress lines show rejections by reason").contains("| rejected: ");
    assertThat(output).as("the closing account of each input")
        .containsPattern("observations: sent [0-9,]+ = aggregated [0-9,]+ \\+ rejected 0 \\+ duplicates 0\\n")
        .containsPattern("crossings: sent [0-9,]+ = aggregated [0-9,]+ \\+ rejected 0 \\+ duplicates 0\\n")
        .contains("rejected by reason: none")
        .contains("Elasticsearch holds 0 rejected and 0 resent records, the same")
        .doesNotContain("NOT BALANCED");
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      var client = ElasticsearchClients.blocking(transport);
      client.indices().refresh(r -> r.index(DemoCommand.INDEX));
      assertThat(client.count(c -> c.index(DemoCommand.INDEX)).count()).isPositive();
      for (String kind : new String[] {"FLOW_MONITORING", "BORDER_CROSSING"}) {
        assertThat(client.count(c -> c.index(DemoCommand.INDEX)
            .query(q -> q.term(t -> t.field("source_kind").value(kind)))).count()).as(kind).isPositive();
      }
    }
    assertThat(output).as("the board's address").contains("Dashboards:     http://127.0.0.1:" + BOARD_PORT
        + "/dashboards/flowwatch-situation-room");
    assertThat(feed.get()).as("the board's CAP feed lists the planted surge's alert while the demo runs")
        .contains("AGADEZ-LIBYA").contains("application/cap+xml");
    String metrics = scraped.get();
    assertThat(EXPECTED_METRICS).allSatisfy(metric -> assertThat(metrics).contains(metric));
  }

  /** What the scrape waits for: operators register their metrics as they start, each job at its own pace. */
  private static final List<String> EXPECTED_METRICS = List.of("recordsIn", "recordsRejected",
      "reason=\"UNKNOWN_POINT\"", "duplicateRecords", "elasticsearchBulkRequests", "eventTimeLagMs",
      "channel=\"webhook\"");

  /** Reads the board's alert feed until it lists the planted surge's alert or the demo ends. */
  private static String readTheBoardsFeedWhileRunning(AtomicBoolean demoRunning) {
    return pollWhileRunning(demoRunning, "http://127.0.0.1:" + BOARD_PORT + "/feeds/alerts.atom?lang=en",
        page -> page.contains("AGADEZ-LIBYA"));
  }

  /** Scrapes until the job's metrics show up or the demo ends (on a busy machine its operators start late). */
  private static String scrapeWhileRunning(AtomicBoolean demoRunning) {
    return pollWhileRunning(demoRunning, "http://127.0.0.1:" + METRICS_PORT + "/metrics",
        page -> EXPECTED_METRICS.stream().allMatch(page::contains));
  }

  /** GETs a page of the running demo until it shows what {@code enough} wants or the demo ends: the last page read. */
  private static String pollWhileRunning(AtomicBoolean demoRunning, String url,
      java.util.function.Predicate<String> enough) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    String last = "";
    while (demoRunning.get()) {
      try {
        last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (enough.test(last)) {
          return last;
        }
      } catch (Exception e) {
        // not up yet
      }
      try {
        Thread.sleep(1_000); // polling interval
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
    }
    return last;
  }
}
