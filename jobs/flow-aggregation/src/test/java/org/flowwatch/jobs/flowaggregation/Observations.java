package org.flowwatch.jobs.flowaggregation;

import java.time.Instant;
import java.util.Arrays;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Place;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/** Shared test fixtures: observations built by hand, with readable times. */
public final class Observations {
  private Observations() {}

  public static TravellerGroup group(String nationality, int men, int women, int boys, int girls) {
    return new TravellerGroup(nationality, men, women, boys, girls, 0, new Vulnerabilities(0, 0, 0, 0, 0));
  }

  public static FlowObservation observation(String id, String point, String time, Direction direction,
      TransportMode mode, TravellerGroup... groups) {
    return FlowObservation.newBuilder()
        .setId(id)
        .setPointCode(point)
        .setObservedAt(Instant.parse(time))
        .setDirection(direction)
        .setOrigin(new Place("NER", "Agadez"))
        .setDestination(new Place("LBY", "Sebha"))
        .setRoute("AGADEZ-LIBYA")
        .setTransportMode(mode)
        .setTravellers(Arrays.asList(groups))
        .setReason(MovementReason.LONG_TERM_ECONOMIC)
        .build();
  }
}
