package org.flowwatch.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's counters as its Prometheus endpoint shows them (the same numbers an operator's Prometheus scrapes), summed
 * over subtasks: what became of the records of each input, and why records were rejected.
 */
public final class JobCounters {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;

  public JobCounters(int metricsPort) {
    this.endpoint = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  /** One scrape. */
  public Snapshot read() throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Snapshot.parse(text);
  }

  /** A sample: metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  public record Snapshot(List<Sample> samples) {
    public static Snapshot parse(String prometheusText) {
      List<Sample> samples = new ArrayList<>();
      for (String line : prometheusText.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (space < 0) {
          continue;
        }
        String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0) {
          String body = line.substring(brace + 1, line.lastIndexOf('}'));
          for (String pair : body.split("\",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
              labels.put(pair.substring(0, equals), pair.substring(equals + 1).replace("\"", ""));
            }
          }
        }
        try {
          samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        } catch (NumberFormatException notANumber) {
          // +Inf, NaN and the like come from gauges (e.g. Kafka client metrics), never from the counters read here
        }
      }
      return new Snapshot(samples);
    }

    /** The sum of counter {@code counter} over every sample whose labels include {@code labels}. */
    public long sum(String counter, Map<String, String> labels) {
      return Math.round(samples.stream()
          .filter(s -> s.name().endsWith("_" + counter))
          .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
          .mapToDouble(Sample::value).sum());
    }

    /** Counter {@code counter} per value of label {@code label}, zeros left out. */
    Map<String, Long> byLabel(String counter, String label, Map<String, String> labels) {
      Map<String, Long> sums = new TreeMap<>();
      samples.stream()
          .filter(s -> s.name().endsWith("_" + counter) && s.labels().containsKey(label))
          .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
          .forEach(s -> sums.merge(s.labels().get(label), Math.round(s.value()), Long::sum));
      sums.values().removeIf(count -> count == 0);
      return sums;
    }
  }
}
