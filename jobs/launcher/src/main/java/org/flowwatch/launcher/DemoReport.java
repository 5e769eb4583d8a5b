package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.simulator.FlowSimulator;

/**
 * One progress line of the demo: what was sent, what Elasticsearch holds (asked of Elasticsearch itself), and what
 * the job rejected, by reason, and dropped as resent (its own counters), so that a loss can never hide.
 */
final class DemoReport {
  private final ElasticsearchClient client;
  private final String index;
  private final JobCounters counters;
  private final long startedNanos = System.nanoTime();

  DemoReport(ElasticsearchClient client, String index, JobCounters counters) {
    this.client = client;
    this.index = index;
    this.counters = counters;
  }

  String line(FlowSimulator.Progress sent) {
    long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
    return String.format("[%3ds] sent %,d observations (%,d travellers) and %,d crossings, simulated clock %s | %s | %s",
        seconds, sent.observations(), sent.travellers(), sent.crossings(), sent.simulatedTime(), indexed(), job());
  }

  private String job() {
    try {
      JobCounters.Snapshot snapshot = counters.read();
      return String.format("rejected: %s; duplicates %,d", DemoAccounting.rejectedByReason(snapshot),
          snapshot.sum(HourlyPointFlows.DUPLICATES_METRIC, Map.of()));
    } catch (IOException e) {
      return "job counters not available yet (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String indexed() {
    try {
      // Point-level documents only: route roll-ups in the same index count the same travellers again.
      SearchResponse<Void> response = client.search(s -> s.index(index).size(0).ignoreUnavailable(true)
          .allowNoIndices(true).trackTotalHits(t -> t.enabled(true))
          .query(q -> q.term(t -> t.field("level").value("POINT")))
          .aggregations("travellers", a -> a.sum(sum -> sum.field("travellers")))
          .aggregations("latest", a -> a.max(max -> max.field("@timestamp")))
          .aggregations("top", a -> a.terms(t -> t.field("nationality").size(5)
                  .order(List.of(NamedValue.of("travellers", SortOrder.Desc))))
              .aggregations("travellers", sub -> sub.sum(sum -> sum.field("travellers")))),
          Void.class);
      long documents = response.hits().total() == null ? 0 : response.hits().total().value();
      if (documents == 0) {
        return "Elasticsearch: no hourly documents yet (windows close as the watermark passes each hour)";
      }
      Aggregate top = response.aggregations().get("top");
      String nationalities = top.sterms().buckets().array().stream()
          .map(DemoReport::bucket)
          .collect(Collectors.joining(", "));
      return String.format("Elasticsearch: %,d hourly documents, %,.0f travellers, latest window %s, top: %s", documents,
          response.aggregations().get("travellers").sum().value(),
          response.aggregations().get("latest").max().valueAsString(), nationalities);
    } catch (IOException | RuntimeException e) {
      return "Elasticsearch unreachable at the moment: " + e.getMessage();
    }
  }

  private static String bucket(StringTermsBucket bucket) {
    return String.format("%s %,.0f", bucket.key().stringValue(), bucket.aggregations().get("travellers").sum().value());
  }
}
