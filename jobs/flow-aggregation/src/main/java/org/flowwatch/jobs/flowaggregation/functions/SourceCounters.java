package org.flowwatch.jobs.flowaggregation.functions;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.flowwatch.schema.SourceKind;

/**
 * A counter per input stream (label {@code source}), so that each input can be accounted for on its own: sent =
 * aggregated + rejected + duplicates, for the observations and for the crossings.
 */
final class SourceCounters {
  static final String SOURCE_GROUP = "source";

  private final Map<SourceKind, Counter> counters = new EnumMap<>(SourceKind.class);

  SourceCounters(MetricGroup group, String name) {
    for (SourceKind kind : SourceKind.values()) {
      counters.put(kind, group.addGroup(SOURCE_GROUP, kind.name()).counter(name));
    }
  }

  void inc(SourceKind kind) {
    counters.get(kind).inc();
  }
}
