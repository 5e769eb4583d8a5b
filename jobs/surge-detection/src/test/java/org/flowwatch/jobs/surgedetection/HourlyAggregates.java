package org.flowwatch.jobs.surgedetection;

import java.time.Instant;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;

/** Hourly flow aggregates as the flow aggregation job writes them, for feeding the detection job in tests. */
final class HourlyAggregates {
  private static final long HOUR = 3_600_000L;

  private HourlyAggregates() {}

  /** A regular week: busier mornings, a weekly pattern, exactly the same every week (so no false alarm). */
  static long regular(long hour, long base) {
    long hourOfDay = hour % 24;
    long dayOfWeek = (hour / 24) % 7;
    return base * (hourOfDay >= 6 && hourOfDay < 18 ? 3 : 1) * new long[] {5, 4, 4, 3, 3, 4, 6}[(int) dayOfWeek] / 4;
  }

  static FlowAggregate route(String route, Direction direction, long hour, long travellers, int revision) {
    return base(hour, travellers, revision).setLevel(AggregateLevel.ROUTE).setRoute(route).setDirection(direction)
        .build();
  }

  static FlowAggregate point(String point, String nationality, Direction direction, long hour, long travellers,
      int revision) {
    return base(hour, travellers, revision).setLevel(AggregateLevel.POINT).setPointCode(point)
        .setNationality(nationality).setSourceKind(SourceKind.FLOW_MONITORING).setRoute("AGADEZ-LIBYA")
        .setDirection(direction).build();
  }

  private static FlowAggregate.Builder base(long hour, long travellers, int revision) {
    return FlowAggregate.newBuilder()
        .setGranularity(WindowGranularity.HOURLY)
        .setWindowStart(Instant.ofEpochMilli(hour * HOUR))
        .setWindowEnd(Instant.ofEpochMilli((hour + 1) * HOUR))
        .setTravellers(travellers).setMen(travellers).setWomen(0).setBoys(0).setGirls(0)
        .setObservations(1).setRevision(revision);
  }
}
