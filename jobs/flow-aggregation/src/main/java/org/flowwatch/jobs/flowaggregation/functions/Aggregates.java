package org.flowwatch.jobs.flowaggregation.functions;

import java.time.Instant;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.flowwatch.jobs.flowaggregation.model.FlowCounts;
import org.flowwatch.jobs.flowaggregation.model.FlowKey;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
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

  /** A point-level aggregate of a window's totals; each firing of the same window gets the next revision. */
  static FlowAggregate pointLevel(WindowGranularity granularity, FlowKey key, TimeWindow window, FlowCounts counts,
      int revision) {
    Map<String, Long> modes = new TreeMap<>(counts.transportModes);
    return FlowAggregate.newBuilder()
        .setGranularity(granularity)
        .setWindowStart(Instant.ofEpochMilli(window.getStart()))
        .setWindowEnd(Instant.ofEpochMilli(window.getEnd()))
        .setLevel(AggregateLevel.POINT)
        .setPointCode(key.pointCode)
        .setDirection(Direction.valueOf(key.direction))
        .setNationality(key.nationality)
        .setSourceKind(SourceKind.valueOf(key.sourceKind))
        .setRoute(key.route)
        .setAdminRegion(counts.adminRegion)
        .setLatitude(counts.adminRegion == null ? null : counts.latitude)
        .setLongitude(counts.adminRegion == null ? null : counts.longitude)
        .setTravellers(counts.travellers())
        .setMen(counts.men)
        .setWomen(counts.women)
        .setBoys(counts.boys)
        .setGirls(counts.girls)
        .setUnspecified(counts.unspecified)
        .setChildrenUnder5(counts.childrenUnder5)
        .setElderly(counts.elderly)
        .setWithDisability(counts.withDisability)
        .setPregnantWomen(counts.pregnantWomen)
        .setUnaccompaniedChildren(counts.unaccompaniedChildren)
        .setTransportModes(modes)
        .setObservations(counts.observations)
        .setRevision(revision)
        .build();
  }
}
