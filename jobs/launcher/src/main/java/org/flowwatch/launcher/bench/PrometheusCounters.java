package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.util.Map;
import org.flowwatch.launcher.JobCounters;

/**
 * A job's counters as the Prometheus reporter of its local cluster shows them, summed over every operator and subtask
 * that reports a counter of that name: the measurements use the job as a black box and only need to know, for
 * instance, how many records it has aggregated ({@code recordsAggregated}), whichever operator counts them.
 */
public final class PrometheusCounters {
  private final JobCounters counters;

  public PrometheusCounters(int port) {
    this.counters = new JobCounters(port);
  }

  /** The sum of counter {@code name} now; 0 while nothing reports it (or the endpoint is not up yet). */
  public long sum(String name) throws InterruptedException {
    try {
      return counters.read().sum(name, Map.of());
    } catch (IOException notUpYet) {
      return 0;
    }
  }

  /** The sum of every sample of counter {@code name} (a metric whose name ends in _name) in Prometheus text. */
  static long sum(String prometheusText, String name) {
    return JobCounters.Snapshot.parse(prometheusText).sum(name, Map.of());
  }
}
