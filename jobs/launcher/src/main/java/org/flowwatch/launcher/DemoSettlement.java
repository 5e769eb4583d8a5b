package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.functions.ScreenRecords;
import org.flowwatch.simulator.FlowSimulator;

/**
 * The demo's closing account, once the simulator has stopped: waits for the records still in flight to reach their
 * place, then prints sent = aggregated + rejected + duplicates for each input, the reasons for rejections, and checks
 * that Elasticsearch holds one document per rejected and per resent record.
 */
final class DemoSettlement {
  private final ElasticsearchClient client;
  private final JobCounters counters;
  private final Duration deadline;

  DemoSettlement(ElasticsearchClient client, JobCounters counters, Duration deadline) {
    this.client = client;
    this.counters = counters;
    this.deadline = deadline;
  }

  /** @return whether every record of both inputs is accounted for, in the job and in Elasticsearch. */
  boolean settle(FlowSimulator.Progress sent) throws InterruptedException {
    long until = System.nanoTime() + deadline.toNanos();
    JobCounters.Snapshot snapshot = scrape();
    List<DemoAccounting.InputAccount> accounts = DemoAccounting.accounts(snapshot, sent.observations(), sent.crossings());
    while (!accounts.stream().allMatch(DemoAccounting.InputAccount::balanced) && System.nanoTime() < until) {
      Thread.sleep(500); // polling interval while the last records travel through the job
      snapshot = scrape();
      accounts = DemoAccounting.accounts(snapshot, sent.observations(), sent.crossings());
    }
    System.out.println("flowwatch demo: every record in exactly one place (job counters):");
    accounts.forEach(account -> System.out.println("  " + account.line()));
    System.out.println("  rejected by reason: " + DemoAccounting.rejectedByReason(snapshot));
    boolean balanced = accounts.stream().allMatch(DemoAccounting.InputAccount::balanced);
    if (!balanced) {
      System.out.printf("flowwatch demo: records unaccounted for after %s: see the lines above%n", deadline);
      return false;
    }
    return indexedAsCounted(snapshot, until);
  }

  private boolean indexedAsCounted(JobCounters.Snapshot snapshot, long until) throws InterruptedException {
    long rejected = snapshot.sum(ScreenRecords.REJECTED_METRIC, Map.of());
    long duplicates = snapshot.sum(HourlyPointFlows.DUPLICATES_METRIC, Map.of());
    long[] indexed = indexed();
    while ((indexed[0] != rejected || indexed[1] != duplicates) && System.nanoTime() < until) {
      Thread.sleep(500); // polling interval while the sinks flush
      indexed = indexed();
    }
    boolean same = indexed[0] == rejected && indexed[1] == duplicates;
    System.out.printf("  Elasticsearch holds %,d rejected and %,d resent records%s%n", indexed[0], indexed[1],
        same ? ", the same" : String.format(", NOT the %,d and %,d counted", rejected, duplicates));
    return same;
  }

  private JobCounters.Snapshot scrape() throws InterruptedException {
    try {
      return counters.read();
    } catch (IOException e) {
      return JobCounters.Snapshot.parse("");
    }
  }

  /**
   * Rejected input records (documents with a source topic: the sinks' reports of refused output documents share the
   * index) and resends in the demo's indices; -1 when Elasticsearch cannot answer yet.
   */
  private long[] indexed() {
    return new long[] {count(DemoCommand.REJECTED_INDEX + "-*", "source_topic"),
        count(DemoCommand.DUPLICATES_INDEX + "-*", "resend")};
  }

  private long count(String index, String field) {
    try {
      client.indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
      return client.count(c -> c.index(index).allowNoIndices(true).ignoreUnavailable(true)
          .query(q -> q.exists(e -> e.field(field)))).count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
