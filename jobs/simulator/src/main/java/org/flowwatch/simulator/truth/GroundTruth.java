package org.flowwatch.simulator.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.common.reference.PointRegistry;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.TravellerGroup;

/**
 * The ground truth of a corpus: hourly point-level totals computed directly from its valid records, independently of
 * the job's operators, keyed like the Elasticsearch document ids. Tests and fault drills compare what the pipeline
 * indexed with it.
 */
public final class GroundTruth {
  /** Totals of one cell. */
  public record Totals(long travellers, long men, long women, long boys, long girls, long observations) {
    public Totals plus(Totals other) {
      return new Totals(travellers + other.travellers, men + other.men, women + other.women, boys + other.boys,
          girls + other.girls, observations + other.observations);
    }
  }

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private GroundTruth() {}

  public static Map<String, Totals> hourly(List<FlowObservation> observations, List<CheckpointCrossing> crossings) {
    Map<String, Totals> expected = new HashMap<>();
    for (FlowObservation observation : observations) {
      for (TravellerGroup group : observation.getTravellers()) {
        Totals totals = new Totals(group.getMen() + group.getWomen() + group.getBoys() + group.getGirls()
            + group.getUnspecified(),
            group.getMen(), group.getWomen(), group.getBoys(), group.getGirls(), 1);
        expected.merge(id(observation.getPointCode(), observation.getDirection().name(), group.getNationality(),
            "FLOW_MONITORING", observation.getRoute(), observation.getObservedAt()), totals, Totals::plus);
      }
    }
    PointRegistry registry = PointRegistry.niger();
    for (CheckpointCrossing crossing : crossings) {
      boolean known = crossing.getSex() != Sex.UNKNOWN && crossing.getAgeBand() != AgeBand.UNKNOWN;
      boolean child = crossing.getAgeBand() == AgeBand.UNDER_5 || crossing.getAgeBand() == AgeBand.AGE_5_17;
      boolean male = crossing.getSex() == Sex.MALE;
      Totals one = new Totals(1, known && male && !child ? 1 : 0, known && !male && !child ? 1 : 0,
          known && male && child ? 1 : 0, known && !male && child ? 1 : 0, 1);
      List<String> routes = registry.point(crossing.getCheckpointCode()).getRoutes();
      expected.merge(id(crossing.getCheckpointCode(),
          crossing.getDirection() == CrossingDirection.ENTRY ? "INCOMING" : "OUTGOING", crossing.getNationality(),
          "BORDER_CROSSING", routes.size() == 1 ? routes.get(0) : null, crossing.getCrossedAt()), one, Totals::plus);
    }
    return expected;
  }

  public static String id(String point, String direction, String nationality, String kind, String route, Instant time) {
    long start = Math.floorDiv(time.toEpochMilli(), HOUR) * HOUR;
    return String.join("|", "POINT", "HOURLY", point, direction, nationality, kind, route == null ? "-" : route,
        Instant.ofEpochMilli(start).toString());
  }

  /** Travellers per route roll-up id (ROUTE|HOURLY|-|direction|-|-|route|start), summed from the point-level oracle. */
  public static Map<String, Long> routeTravellers(Map<String, Totals> hourly) {
    Map<String, Long> routes = new HashMap<>();
    hourly.forEach((id, totals) -> {
      String[] f = id.split("\\|");
      if (!f[6].equals("-")) {
        routes.merge(String.join("|", "ROUTE", "HOURLY", "-", f[3], "-", "-", f[6], f[7]), totals.travellers(), Long::sum);
      }
    });
    return routes;
  }
}
