package org.flowwatch.jobs.flowaggregation.functions;

import java.util.List;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.privacy.DisclosureRule;
import org.flowwatch.schema.FlowAggregate;

/**
 * The suppression step of the published view of point-level aggregates: in each (point, direction, source kind,
 * route, window) cell, a nationality the {@link DisclosureRule} does not show on its own is grouped into
 * {@value #OTHER}, since small counts can identify people (IOM Data Protection Principles). Its output is still exact:
 * {@link RoundCounts} rounds it next. The internal view keeps exact counts. OTHER is re-published (possibly as 0)
 * whenever a late update moves a nationality across the threshold.
 */
public final class SuppressSmallCells extends LatestPerMember {
  private static final long serialVersionUID = 1L;
  public static final String OTHER = "OTHER";

  private final DisclosureRule rule;

  public SuppressSmallCells(DisclosureRule rule, long allowedLatenessMillis) {
    super(allowedLatenessMillis);
    this.rule = rule;
  }

  /** The published cell of a point-level aggregate: everything but the nationality. */
  public static String cell(FlowAggregate member) {
    return String.join("|", member.getGranularity().name(), member.getPointCode(), member.getDirection().name(),
        String.valueOf(member.getSourceKind()), String.valueOf(member.getRoute()),
        String.valueOf(member.getWindowStart().toEpochMilli()));
  }

  @Override
  protected String memberId(FlowAggregate member) {
    return member.getNationality();
  }

  @Override
  protected void publish(List<FlowAggregate> members, int revision, Collector<FlowAggregate> out) {
    FlowAggregate other = Aggregates.emptyLike(members.get(0));
    other.setNationality(OTHER);
    other.setRevision(revision);
    boolean anySuppressed = false;
    for (FlowAggregate member : members) {
      if (rule.showsOnItsOwn(member.getTravellers())) {
        out.collect(FlowAggregate.newBuilder(member).setRevision(revision).build());
      } else {
        Aggregates.add(other, member);
        anySuppressed = true;
      }
    }
    if (anySuppressed || revision > 1) {
      out.collect(other);
    }
  }
}
