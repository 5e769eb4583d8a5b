package org.flowwatch.jobs.flowaggregation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.TravellerGroup;

/**
 * The test oracle: hourly totals computed directly from a corpus, independently of the job's classes, keyed like the
 * Elasticsearch document ids.
 */
public final class ExpectedFlows {
  /** Totals of one hourly (point, direction, nationality) cell. */
  public record Totals(long travellers, long men, long women, long boys, long girls, long observations) {
    Totals plus(TravellerGroup group) {
      return new Totals(travellers + group.getMen() + group.getWomen() + group.getBoys() + group.getGirls(),
          men + group.getMen(), women + group.getWomen(), boys + group.getBoys(), girls + group.getGirls(),
          observations + 1);
    }
  }

  private ExpectedFlows() {}

  public static Map<String, Totals> hourly(List<FlowObservation> corpus) {
    Map<String, Totals> expected = new HashMap<>();
    long hour = Duration.ofHours(1).toMillis();
    for (FlowObservation observation : corpus) {
      long start = observation.getObservedAt().toEpochMilli() / hour * hour;
      for (TravellerGroup group : observation.getTravellers()) {
        String id = String.join("|", "HOURLY", observation.getPointCode(), observation.getDirection().name(),
            group.getNationality(), Instant.ofEpochMilli(start).toString());
        expected.merge(id, new Totals(0, 0, 0, 0, 0, 0).plus(group), (a, b) -> new Totals(a.travellers + b.travellers,
            a.men + b.men, a.women + b.women, a.boys + b.boys, a.girls + b.girls, a.observations + b.observations));
      }
    }
    return expected;
  }
}
