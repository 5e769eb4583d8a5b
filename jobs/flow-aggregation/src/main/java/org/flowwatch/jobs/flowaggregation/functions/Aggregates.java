package org.flowwatch.jobs.flowaggregation.functions;

import java.util.Map;
import java.util.TreeMap;
import org.flowwatch.jobs.flowaggregation.model.AggregateCount;
import org.flowwatch.schema.FlowAggregate;

/** Arithmetic on {@link FlowAggregate}s shared by the roll-ups and the published view. */
final class Aggregates {
  private Aggregates() {}

  /** A new aggregate with the same window and key fields as {@code template}, revision 1 and every count zero. */
  static FlowAggregate emptyLike(FlowAggregate template) {
    FlowAggregate empty = FlowAggregate.newBuilder(template).setTransportModes(new TreeMap<>()).setRevision(1).build();
    for (AggregateCount count : AggregateCount.values()) {
      count.set(empty, 0);
    }
    return empty;
  }

  /** Adds the counts of {@code member} into {@code sum}. */
  static void add(FlowAggregate sum, FlowAggregate member) {
    for (AggregateCount count : AggregateCount.values()) {
      count.set(sum, count.of(sum) + count.of(member));
    }
    Map<String, Long> modes = new TreeMap<>(sum.getTransportModes());
    member.getTransportModes().forEach((mode, count) -> modes.merge(mode, count, Long::sum));
    sum.setTransportModes(modes);
  }
}
