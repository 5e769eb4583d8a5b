package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.flowwatch.launcher.bench.PeerAggregates.Counts;
import org.flowwatch.launcher.bench.PeerAggregates.Person;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

class PeerAggregatesTest {
  private static final long NINE = Instant.parse("2024-03-05T09:00:00Z").toEpochMilli();

  @Test
  void splitsACrossingAsFlowwatchDoes() {
    assertThat(Person.of(Sex.MALE, AgeBand.AGE_18_59)).isEqualTo(Person.MAN);
    assertThat(Person.of(Sex.MALE, AgeBand.AGE_60_PLUS)).isEqualTo(Person.MAN);
    assertThat(Person.of(Sex.MALE, AgeBand.UNDER_5)).isEqualTo(Person.BOY);
    assertThat(Person.of(Sex.MALE, AgeBand.AGE_5_17)).isEqualTo(Person.BOY);
    assertThat(Person.of(Sex.FEMALE, AgeBand.AGE_18_59)).isEqualTo(Person.WOMAN);
    assertThat(Person.of(Sex.FEMALE, AgeBand.AGE_60_PLUS)).isEqualTo(Person.WOMAN);
    assertThat(Person.of(Sex.FEMALE, AgeBand.UNDER_5)).isEqualTo(Person.GIRL);
    assertThat(Person.of(Sex.FEMALE, AgeBand.AGE_5_17)).isEqualTo(Person.GIRL);
    for (AgeBand band : AgeBand.values()) {
      assertThat(Person.of(Sex.UNKNOWN, band)).isEqualTo(Person.UNSPECIFIED);
    }
    for (Sex sex : Sex.values()) {
      assertThat(Person.of(sex, AgeBand.UNKNOWN)).isEqualTo(Person.UNSPECIFIED);
    }
  }

  @Test
  void anEntryIsIncomingAndAnExitOutgoing() {
    assertThat(PeerAggregates.direction(CrossingDirection.ENTRY)).isEqualTo(Direction.INCOMING);
    assertThat(PeerAggregates.direction(CrossingDirection.EXIT)).isEqualTo(Direction.OUTGOING);
  }

  @Test
  void hourStartsAreUtcHoursAlsoBefore1970() {
    assertThat(PeerAggregates.hourStart(NINE + 59 * 60_000 + 59_999)).isEqualTo(NINE);
    assertThat(PeerAggregates.hourStart(NINE)).isEqualTo(NINE);
    assertThat(PeerAggregates.hourStart(-1)).isEqualTo(-PeerAggregates.HOUR_MILLIS);
  }

  @Test
  void buildsTheHourlyPointAggregateFlowwatchWritesKeyedByItsDocumentId() throws Exception {
    FlowAggregate aggregate = PeerAggregates.hourly(NINE, "NE-MAG", "INCOMING", "NGA",
        new Counts(3, 2, 1, 4, 5, 1, 2, 15));

    assertThat(aggregate.getGranularity()).isEqualTo(WindowGranularity.HOURLY);
    assertThat(aggregate.getWindowStart()).isEqualTo(Instant.parse("2024-03-05T09:00:00Z"));
    assertThat(aggregate.getWindowEnd()).isEqualTo(Instant.parse("2024-03-05T10:00:00Z"));
    assertThat(aggregate.getSourceKind()).isEqualTo(SourceKind.BORDER_CROSSING);
    assertThat(aggregate.getTravellers()).isEqualTo(15);
    assertThat(aggregate.getMen()).isEqualTo(3);
    assertThat(aggregate.getWomen()).isEqualTo(2);
    assertThat(aggregate.getBoys()).isEqualTo(1);
    assertThat(aggregate.getGirls()).isEqualTo(4);
    assertThat(aggregate.getUnspecified()).isEqualTo(5);
    assertThat(aggregate.getChildrenUnder5()).isEqualTo(1);
    assertThat(aggregate.getElderly()).isEqualTo(2);
    assertThat(aggregate.getObservations()).isEqualTo(15);
    assertThat(aggregate.getTransportModes()).containsExactly(org.assertj.core.api.Assertions.entry("OTHER", 15L));
    assertThat(aggregate.getRevision()).isEqualTo(1);
    assertThat(aggregate.getRoute()).isNull();
    assertThat(PeerAggregates.documentId(aggregate))
        .isEqualTo("POINT|HOURLY|NE-MAG|INCOMING|NGA|BORDER_CROSSING|-|2024-03-05T09:00:00Z")
        .isEqualTo(PeerAggregates.documentId(NINE, "NE-MAG", "INCOMING", "NGA"));
    assertThat(AvroCodec.of(FlowAggregate.class).decode(PeerAggregates.encode(aggregate))).isEqualTo(aggregate);
  }

  @Test
  void theSqlFunctionsWriteTheSameKeyAndValue() throws Exception {
    LocalDateTime nine = LocalDateTime.of(2024, 3, 5, 9, 0);
    byte[] value = new FlowAggregateFunctions.Value().eval(nine, "NE-MAG", "OUTGOING", "MLI", 1, 2, 3, 4, 5, 6, 7, 15);

    FlowAggregate aggregate = AvroCodec.of(FlowAggregate.class).decode(value);
    assertThat(aggregate).isEqualTo(PeerAggregates.hourly(NINE, "NE-MAG", "OUTGOING", "MLI",
        new Counts(1, 2, 3, 4, 5, 6, 7, 15)));
    assertThat(new FlowAggregateFunctions.Key().eval(nine, "NE-MAG", "OUTGOING", "MLI"))
        .isEqualTo(PeerAggregates.documentId(aggregate));
  }
}
