package org.flowwatch.jobs.flowaggregation.functions;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.Movement;

/** Adds movements into a window's running totals as they arrive, so a window holds one accumulator, not its records. */
public final class FlowCountsAggregate implements AggregateFunction<Movement, FlowCounts, FlowCounts> {
  private static final long serialVersionUID = 1L;

  @Override
  public FlowCounts createAccumulator() {
    return new FlowCounts();
  }

  @Override
  public FlowCounts add(Movement movement, FlowCounts counts) {
    return counts.add(movement);
  }

  @Override
  public FlowCounts getResult(FlowCounts counts) {
    return counts;
  }

  @Override
  public FlowCounts merge(FlowCounts a, FlowCounts b) {
    return a.merge(b);
  }
}
