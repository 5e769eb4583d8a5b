package org.flowwatch.jobs.flowaggregation.functions;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.MapFunction;
import org.flowwatch.jobs.flowaggregation.model.AggregateCount;
import org.flowwatch.jobs.flowaggregation.privacy.DisclosureRule;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.FlowAggregate;

/**
 * Applies the {@link DisclosureRule}'s rounding to every count of a published aggregate: travellers, each sex and age
 * group, each vulnerability, each transport mode and the number of input records (for border registrations, one per
 * person). The cell is the published document's id, which holds the dimensions and the window but not the revision.
 */
public final class RoundCounts implements MapFunction<FlowAggregate, FlowAggregate> {
  private static final long serialVersionUID = 1L;

  private final DisclosureRule rule;

  public RoundCounts(DisclosureRule rule) {
    this.rule = rule;
  }

  @Override
  public FlowAggregate map(FlowAggregate exact) {
    String cell = FlowAggregateDocuments.documentId(exact);
    Map<String, Long> modes = new TreeMap<>();
    exact.getTransportModes().forEach((mode, count) -> modes.put(mode, rule.round(cell, "mode " + mode, count)));
    FlowAggregate rounded = FlowAggregate.newBuilder(exact).setTransportModes(modes).build();
    for (AggregateCount count : AggregateCount.values()) {
      count.set(rounded, rule.round(cell, count.field, count.of(exact)));
    }
    return rounded;
  }
}
