package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.TransportMode;
import org.junit.jupiter.api.Test;

class SplitIntoMovementsTest {

  @Test
  void emitsOneMovementPerNationalityWithItsOwnCounts() {
    List<Movement> movements = new ArrayList<>();
    new SplitIntoMovements().flatMap(observation("o1", "NE-AGZ", "2024-01-15T08:30:00Z", Direction.OUTGOING,
        TransportMode.TRUCK, group("NGA", 10, 2, 1, 0), group("MLI", 4, 0, 0, 0)), new ListCollector<>(movements));

    assertThat(movements).hasSize(2);
    assertThat(movements).extracting(m -> m.nationality, Movement::travellers).containsExactly(
        org.assertj.core.groups.Tuple.tuple("NGA", 13L), org.assertj.core.groups.Tuple.tuple("MLI", 4L));
    assertThat(movements).allSatisfy(m -> {
      assertThat(m.pointCode).isEqualTo("NE-AGZ");
      assertThat(m.direction).isEqualTo("OUTGOING");
      assertThat(m.transportMode).isEqualTo("TRUCK");
      assertThat(m.eventTimeMillis).isEqualTo(java.time.Instant.parse("2024-01-15T08:30:00Z").toEpochMilli());
    });
  }
}
