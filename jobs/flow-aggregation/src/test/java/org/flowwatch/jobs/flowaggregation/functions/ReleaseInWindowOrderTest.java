package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseInWindowOrderTest {
  private static final Instant EIGHT = Instant.parse("2024-01-15T08:00:00Z");
  private KeyedOneInputStreamOperatorTestHarness<Byte, FlowAggregate, FlowAggregate> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<Byte, FlowAggregate, FlowAggregate> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ReleaseInWindowOrder()),
        ReleaseInWindowOrder.ONE_KEY, Types.BYTE);
  }

  /** An hourly aggregate of the hour starting {@code hoursAfterEight} after 08:00. */
  private static FlowAggregate hourly(AggregateLevel level, int hoursAfterEight, int revision) {
    Instant start = EIGHT.plusSeconds(3600L * hoursAfterEight);
    return FlowAggregate.newBuilder()
        .setLevel(level).setGranularity(WindowGranularity.HOURLY).setWindowStart(start)
        .setWindowEnd(start.plusSeconds(3600)).setPointCode(level == AggregateLevel.POINT ? "NE-AGZ" : null)
        .setRoute("AGADEZ-LIBYA").setDirection(Direction.OUTGOING).setNationality("NGA")
        .setTravellers(10).setMen(10).setWomen(0).setBoys(0).setGirls(0)
        .setTransportModes(Map.of()).setObservations(1).setRevision(revision)
        .build();
  }

  private static long endOf(int hoursAfterEight) {
    return EIGHT.plusSeconds(3600L * (hoursAfterEight + 1)).toEpochMilli();
  }

  @Test
  void aLaterHoursPointCellsArrivingBeforeAnEarlierHoursRollUpsComeOutAfterThem() throws Exception {
    // A catch-up: the point cells of 09:00 arrive before the route roll-up of 08:00, two exchanges further upstream.
    harness.processElement(hourly(AggregateLevel.POINT, 0, 1), endOf(0) - 1);
    harness.processElement(hourly(AggregateLevel.POINT, 1, 1), endOf(1) - 1);
    harness.processElement(hourly(AggregateLevel.ROUTE, 0, 1), endOf(0) - 1);
    assertThat(harness.extractOutputValues()).as("nothing before the clock passes a window").isEmpty();

    harness.processWatermark(endOf(0) - 1);
    harness.processElement(hourly(AggregateLevel.ROUTE, 1, 1), endOf(1) - 1);
    harness.processWatermark(endOf(1) - 1);

    assertThat(harness.extractOutputValues())
        .extracting(FlowAggregate::getLevel, aggregate -> aggregate.getWindowStart().equals(EIGHT) ? 8 : 9)
        .containsExactly(tuple(AggregateLevel.POINT, 8), tuple(AggregateLevel.ROUTE, 8),
            tuple(AggregateLevel.POINT, 9), tuple(AggregateLevel.ROUTE, 9));
    assertThat(harness.numKeyedStateEntries()).as("nothing held once released").isZero();
  }

  @Test
  void anUpdateOfAReleasedWindowGoesOutAtOnceAndOneOfAHeldWindowAfterItsFirstRevision() throws Exception {
    harness.processElement(hourly(AggregateLevel.POINT, 0, 1), endOf(0) - 1);
    harness.processWatermark(endOf(0) - 1);
    harness.processElement(hourly(AggregateLevel.POINT, 1, 1), endOf(1) - 1);
    harness.processElement(hourly(AggregateLevel.POINT, 1, 2), endOf(1) - 1);
    harness.processElement(hourly(AggregateLevel.POINT, 0, 2), endOf(0) - 1); // late: 08:00 was released

    assertThat(harness.extractOutputValues()).extracting(FlowAggregate::getRevision).containsExactly(1, 2);
    harness.processWatermark(endOf(1) - 1);
    assertThat(harness.extractOutputValues()).extracting(a -> a.getWindowStart().getEpochSecond(),
            FlowAggregate::getRevision)
        .containsExactly(tuple(EIGHT.getEpochSecond(), 1), tuple(EIGHT.getEpochSecond(), 2),
            tuple(EIGHT.getEpochSecond() + 3600, 1), tuple(EIGHT.getEpochSecond() + 3600, 2));
  }

  @Test
  void heldAggregatesSurviveARestore() throws Exception {
    harness.processElement(hourly(AggregateLevel.POINT, 1, 1), endOf(1) - 1);
    harness.processElement(hourly(AggregateLevel.ROUTE, 0, 1), endOf(0) - 1);
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    harness.processWatermark(endOf(1) - 1);

    assertThat(harness.extractOutputValues()).extracting(FlowAggregate::getLevel)
        .containsExactly(AggregateLevel.ROUTE, AggregateLevel.POINT);
  }
}
