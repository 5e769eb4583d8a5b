package org.flowwatch.jobs.surgedetection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;

/** Hourly flow aggregates as the flow aggregation job writes them, for feeding the detection job in tests. */
final class HourlyAggregates {
  private static final long HOUR = 3_600_000L;
  /** The first hour of the surge {@link #plantedSurge()} plants. */
  static final long SURGE_START = 62 * 24 + 8;

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

  /**
   * 70 days of a route (a surge planted on day 62: twice the usual for 10 hours, then 8 times for 20) and of a
   * point's two nationalities (regular, and one hour re-sent as a later revision, which must replace, not add).
   */
  static List<FlowAggregate> plantedSurge() {
    List<FlowAggregate> values = new ArrayList<>();
    for (long hour = 0; hour < 70 * 24; hour++) {
      long count = regular(hour, 40);
      if (hour >= SURGE_START && hour < SURGE_START + 10) {
        count *= 2;
      } else if (hour >= SURGE_START + 10 && hour < SURGE_START + 30) {
        count *= 8;
      }
      values.add(route("AGADEZ-LIBYA", Direction.OUTGOING, hour, count, 1));
      for (String nationality : List.of("NGA", "MLI")) {
        values.add(point("ASSAMAKA", nationality, Direction.INCOMING, hour,
            regular(hour, 10), 1));
      }
      if (hour == 65 * 24) {
        long resent = hour - 20;
        values.add(point("ASSAMAKA", "NGA", Direction.INCOMING, resent,
            regular(resent, 10), 2));
      }
    }
    return values;
  }
}
