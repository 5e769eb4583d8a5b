package org.flowwatch.jobs.flowaggregation.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowCountsTest {

  private static Movement movement(String mode, long men, long women, long boys, long girls, long underFive) {
    Movement movement = new Movement();
    movement.transportMode = mode;
    movement.men = men;
    movement.women = women;
    movement.boys = boys;
    movement.girls = girls;
    movement.childrenUnder5 = underFive;
    return movement;
  }

  @Test
  void addsMovementsIntoTotalsAndTransportModes() {
    FlowCounts counts = new FlowCounts()
        .add(movement("TRUCK", 10, 2, 1, 0, 1))
        .add(movement("CAR", 3, 1, 0, 1, 0))
        .add(movement("TRUCK", 5, 0, 0, 0, 0));

    assertThat(counts.observations).isEqualTo(3);
    assertThat(counts.travellers()).isEqualTo(23);
    assertThat(counts.men).isEqualTo(18);
    assertThat(counts.childrenUnder5).isEqualTo(1);
    assertThat(counts.transportModes).isEqualTo(Map.of("TRUCK", 18L, "CAR", 5L));
  }

  @Test
  void mergingTwoPartialCountsEqualsAddingEverythingIntoOne() {
    Movement a = movement("BUS", 20, 5, 3, 2, 1);
    Movement b = movement("CAR", 2, 2, 0, 0, 0);
    Movement c = movement("BUS", 7, 1, 1, 1, 0);

    FlowCounts merged = new FlowCounts().add(a).merge(new FlowCounts().add(b).add(c));
    FlowCounts direct = new FlowCounts().add(a).add(b).add(c);

    assertThat(merged).usingRecursiveComparison().isEqualTo(direct);
  }
}
