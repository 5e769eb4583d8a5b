package org.flowwatch.jobs.flowaggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The test oracle: hourly point-level totals computed directly from the valid records of a corpus, independently of
 * the job's operators, keyed like the Elasticsearch document ids.
 */
public final class ExpectedFlows {
  /** Totals of one cell. */
  public record Totals(long travellers, long men, long women, long boys, long girls, long observations) {
    Totals plus(Totals other) {
      return new Totals(travellers + other.travellers, men + other.men, women + other.women, boys + other.boys,
          girls + other.girls, observations + other.observations);
    }
  }

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private ExpectedFlows() {}

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

  private static String id(String point, String direction, String nationality, String kind, String route, Instant time) {
    long start = Math.floorDiv(time.toEpochMilli(), HOUR) * HOUR;
    return String.join("|", "POINT", "HOURLY", point, direction, nationality, kind, route == null ? "-" : route,
        Instant.ofEpochMilli(start).toString());
  }

  /**
   * Fails with a short description of how {@code actual} differs from {@code expected} (cells missing, extra, or with
   * other totals, the first few of each) rather than printing thousands of cells.
   */
  public static <V> void assertSameCells(Map<String, V> actual, Map<String, V> expected) {
    List<String> missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).sorted().toList();
    List<String> extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).sorted().toList();
    List<String> different = expected.keySet().stream()
        .filter(k -> actual.containsKey(k) && !actual.get(k).equals(expected.get(k)))
        .sorted().map(k -> k + ": expected " + expected.get(k) + " but was " + actual.get(k)).toList();
    if (!missing.isEmpty() || !extra.isEmpty() || !different.isEmpty()) {
      throw new AssertionError(String.format("%d of %d cells differ: %d missing %s, %d unexpected %s, %d with other totals %s",
          missing.size() + extra.size() + different.size(), expected.size(), missing.size(), first(missing),
          extra.size(), first(extra), different.size(), first(different)));
    }
  }

  /** The point-level cells among indexed flow documents (by id), as totals to compare with the oracle's. */
  public static Map<String, Totals> pointCells(Map<String, ObjectNode> documents) {
    Map<String, Totals> cells = new HashMap<>();
    documents.forEach((id, doc) -> {
      if (doc.get("level").asText().equals("POINT")) {
        cells.put(id, new Totals(doc.get("travellers").asLong(), doc.get("men").asLong(), doc.get("women").asLong(),
            doc.get("boys").asLong(), doc.get("girls").asLong(), doc.get("observations").asLong()));
      }
    });
    return cells;
  }

  private static List<String> first(List<String> values) {
    return values.subList(0, Math.min(5, values.size()));
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
