package org.flowwatch.simulator;

import java.time.Instant;
import org.flowwatch.schema.Direction;

/**
 * A surge planted in the simulated traffic: from {@code from} on, the journeys of {@code route} in {@code direction}
 * come {@code multiplier} times as often over a day at every point they pass (the demo's alert to detect). The extra
 * journeys arrive evenly over the day and night, so at night the surge stands out even more.
 */
public record PlantedSurge(String route, Direction direction, Instant from, double multiplier) {
  public PlantedSurge {
    if (route == null || route.isBlank() || direction == null || from == null) {
      throw new IllegalArgumentException("a planted surge needs a route, a direction and a start");
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
  }

  boolean covers(PointProfile.Leg leg) {
    return leg.route().equals(route) && leg.direction() == direction;
  }

  @Override
  public String toString() {
    return String.format("x%.0f on route %s (%s) from %s", multiplier, route, direction.name().toLowerCase(), from);
  }
}
