package org.flowwatch.jobs.flowaggregation.functions;

import java.util.Map;
import java.util.TreeMap;
import org.flowwatch.schema.FlowAggregate;

/** Arithmetic on {@link FlowAggregate}s shared by the roll-ups and the published view. */
final class Aggregates {
  private Aggregates() {}

  /** An aggregate with the same window and key fields as {@code template} and every count zero. */
  static FlowAggregate.Builder emptyLike(FlowAggregate template) {
    return FlowAggregate.newBuilder(template)
        .setTravellers(0).setMen(0).setWomen(0).setBoys(0).setGirls(0).setUnspecified(0)
        .setChildrenUnder5(0).setElderly(0).setWithDisability(0).setPregnantWomen(0).setUnaccompaniedChildren(0)
        .setTransportModes(new TreeMap<>()).setObservations(0).setRevision(1);
  }

  /** Adds the counts of {@code member} into {@code sum}. */
  static void add(FlowAggregate.Builder sum, FlowAggregate member) {
    sum.setTravellers(sum.getTravellers() + member.getTravellers())
        .setMen(sum.getMen() + member.getMen())
        .setWomen(sum.getWomen() + member.getWomen())
        .setBoys(sum.getBoys() + member.getBoys())
        .setGirls(sum.getGirls() + member.getGirls())
        .setUnspecified(sum.getUnspecified() + member.getUnspecified())
        .setChildrenUnder5(sum.getChildrenUnder5() + member.getChildrenUnder5())
        .setElderly(sum.getElderly() + member.getElderly())
        .setWithDisability(sum.getWithDisability() + member.getWithDisability())
        .setPregnantWomen(sum.getPregnantWomen() + member.getPregnantWomen())
        .setUnaccompaniedChildren(sum.getUnaccompaniedChildren() + member.getUnaccompaniedChildren())
        .setObservations(sum.getObservations() + member.getObservations());
    Map<String, Long> modes = new TreeMap<>(sum.getTransportModes());
    member.getTransportModes().forEach((mode, count) -> modes.merge(mode, count, Long::sum));
    sum.setTransportModes(modes);
  }
}
