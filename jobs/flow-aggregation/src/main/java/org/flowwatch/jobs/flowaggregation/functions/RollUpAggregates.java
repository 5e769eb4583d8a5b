package org.flowwatch.jobs.flowaggregation.functions;

import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.FlowAggregate;

/**
 * Route roll-ups: per (route, direction) and per (route, direction, nationality), summed from the point-level
 * aggregates of the same window. Point-level aggregates without a route are not rolled up.
 */
public final class RollUpAggregates extends LatestPerMember {
  private static final long serialVersionUID = 1L;

  public RollUpAggregates(long allowedLatenessMillis) {
    super(allowedLatenessMillis);
  }

  /** Sends each point-level aggregate to the two roll-up cells it belongs to. */
  public static final class ToRollUpCells implements FlatMapFunction<FlowAggregate, FlowAggregate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(FlowAggregate point, Collector<FlowAggregate> out) {
      if (point.getRoute() != null) {
        out.collect(FlowAggregate.newBuilder(point).setLevel(AggregateLevel.ROUTE).build());
        out.collect(FlowAggregate.newBuilder(point).setLevel(AggregateLevel.ROUTE_NATIONALITY).build());
      }
    }
  }

  /** The roll-up cell of a member: level, granularity, route, direction, nationality (route-nationality only), window. */
  public static String cell(FlowAggregate member) {
    return String.join("|", member.getLevel().name(), member.getGranularity().name(), member.getRoute(),
        member.getDirection().name(),
        member.getLevel() == AggregateLevel.ROUTE_NATIONALITY ? member.getNationality() : "*",
        String.valueOf(member.getWindowStart().toEpochMilli()));
  }

  @Override
  protected String memberId(FlowAggregate member) {
    return member.getPointCode() + "|" + member.getSourceKind() + "|" + member.getNationality();
  }

  @Override
  protected void publish(List<FlowAggregate> members, int revision, Collector<FlowAggregate> out) {
    FlowAggregate first = members.get(0);
    FlowAggregate sum = Aggregates.emptyLike(first);
    sum.setPointCode(null);
    sum.setSourceKind(null);
    sum.setAdminRegion(null);
    sum.setLatitude(null);
    sum.setLongitude(null);
    sum.setNationality(first.getLevel() == AggregateLevel.ROUTE_NATIONALITY ? first.getNationality() : null);
    sum.setRevision(revision);
    members.forEach(member -> Aggregates.add(sum, member));
    out.collect(sum);
  }
}
