package org.flowwatch.launcher;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowwatch.jobs.flowaggregation.functions.HourlyPointFlows;
import org.flowwatch.jobs.flowaggregation.functions.ScreenRecords;
import org.flowwatch.schema.SourceKind;

/**
 * What became of every record the demo sent, per input, from the job's own counters: each must end in exactly one
 * known place, so sent = aggregated + rejected + duplicates. Anything else is a loss the demo reports and fails on.
 */
final class DemoAccounting {
  private static final String SOURCE = "source";

  private DemoAccounting() {}

  /** The account of one input. */
  record InputAccount(String input, long sent, long read, long aggregated, long rejected, long duplicates) {
    boolean balanced() {
      return read == sent && aggregated + rejected + duplicates == sent;
    }

    String line() {
      return String.format("%s: sent %,d = aggregated %,d + rejected %,d + duplicates %,d%s", input, sent, aggregated,
          rejected, duplicates, balanced() ? "" : String.format("  <- NOT BALANCED (read %,d)", read));
    }
  }

  static List<InputAccount> accounts(JobCounters.Snapshot counters, long observationsSent, long crossingsSent) {
    return List.of(account(counters, "observations", SourceKind.FLOW_MONITORING, observationsSent),
        account(counters, "crossings", SourceKind.BORDER_CROSSING, crossingsSent));
  }

  private static InputAccount account(JobCounters.Snapshot counters, String input, SourceKind kind, long sent) {
    Map<String, String> source = Map.of(SOURCE, kind.name());
    return new InputAccount(input, sent,
        counters.sum(ScreenRecords.RECORDS_IN_METRIC, source),
        counters.sum(HourlyPointFlows.AGGREGATED_METRIC, source),
        counters.sum(ScreenRecords.REJECTED_METRIC, source),
        counters.sum(HourlyPointFlows.DUPLICATES_METRIC, source));
  }

  /** "none" or "TOO_LATE 3, UNKNOWN_POINT 1": the reasons records were rejected for, over both inputs. */
  static String rejectedByReason(JobCounters.Snapshot counters) {
    Map<String, Long> byReason = counters.byLabel(ScreenRecords.REJECTED_METRIC, "reason", Map.of());
    return byReason.isEmpty() ? "none" : byReason.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
