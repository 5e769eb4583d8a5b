package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A job's counters as the Prometheus reporter of its local cluster shows them, summed over every operator and subtask
 * that reports a counter of that name: the measurements use the job as a black box and only need to know, for
 * instance, how many records it has aggregated ({@code recordsAggregated}), whichever operator counts them.
 */
public final class PrometheusCounters {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;

  public PrometheusCounters(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** The sum of counter {@code name} now; 0 while nothing reports it (or the endpoint is not up yet). */
  public long sum(String name) throws InterruptedException {
    try {
      return sum(http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body(), name);
    } catch (IOException notUpYet) {
      return 0;
    }
  }

  /** The sum of every sample of counter {@code name} (a metric whose name ends in _name) in Prometheus text. */
  static long sum(String prometheusText, String name) {
    double total = 0;
    for (String line : prometheusText.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String metric = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
      if (!metric.endsWith("_" + name)) {
        continue;
      }
      try {
        total += Double.parseDouble(line.substring(space + 1).strip());
      } catch (NumberFormatException notANumber) {
        // NaN, +Inf: gauges, never the counters read here
      }
    }
    return Math.round(total);
  }
}
