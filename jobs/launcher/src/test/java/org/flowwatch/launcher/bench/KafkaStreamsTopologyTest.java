package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.flowwatch.launcher.bench.KafkaStreamsTopology.Movement;
import org.flowwatch.launcher.bench.PeerAggregates.Counts;
import org.flowwatch.launcher.bench.PeerAggregates.Person;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.codec.AvroCodec;
import org.junit.jupiter.api.Test;

class KafkaStreamsTopologyTest {
  private static final AvroCodec<CheckpointCrossing> CROSSINGS = AvroCodec.of(CheckpointCrossing.class);
  private static final AvroCodec<FlowAggregate> AGGREGATES = AvroCodec.of(FlowAggregate.class);
  private static final Instant NINE = Instant.parse("2024-03-05T09:00:00Z");

  private static CheckpointCrossing crossing(String id, String point, int minutesAfterNine, CrossingDirection direction,
      Sex sex, AgeBand ageBand) {
    return CheckpointCrossing.newBuilder().setId(id).setCheckpointCode(point)
        .setCrossedAt(NINE.plus(Duration.ofMinutes(minutesAfterNine))).setDirection(direction).setNationality("NGA")
        .setSex(sex).setAgeBand(ageBand).build();
  }

  private static void pipe(TestInputTopic<byte[], byte[]> input, CheckpointCrossing crossing) {
    input.pipeInput(null, CROSSINGS.encode(crossing), crossing.getCrossedAt());
  }

  @Test
  void countsEachIdOncePerCheckpointInHourlyWindowsUpdatedUntilTheirAllowedLatenessHasPassed() throws Exception {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-test-kafka-streams-1");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every update is emitted at once
    try (TopologyTestDriver driver = new TopologyTestDriver(
        KafkaStreamsTopology.build("in", "out", Duration.ofMinutes(30)), config)) {
      TestInputTopic<byte[], byte[]> input = driver.createInputTopic("in", new ByteArraySerializer(),
          new ByteArraySerializer());
      TestOutputTopic<String, byte[]> output = driver.createOutputTopic("out", new StringDeserializer(),
          new ByteArrayDeserializer());

      pipe(input, crossing("a", "NE-MAG", 10, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_18_59));
      pipe(input, crossing("c", "NE-MAG", 30, CrossingDirection.EXIT, Sex.UNKNOWN, AgeBand.AGE_60_PLUS));
      pipe(input, crossing("a", "NE-MAG", 10, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_18_59)); // a resend
      pipe(input, crossing("a", "NE-DBT", 40, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_5_17)); // another post
      pipe(input, crossing("d", "NE-MAG", 85, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_18_59));
      pipe(input, crossing("b", "NE-MAG", 20, CrossingDirection.ENTRY, Sex.FEMALE, AgeBand.UNDER_5)); // late, in time
      pipe(input, crossing("e", "NE-MAG", 95, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_18_59));
      pipe(input, crossing("f", "NE-MAG", 50, CrossingDirection.ENTRY, Sex.MALE, AgeBand.AGE_18_59)); // too late

      Map<String, FlowAggregate> latest = new HashMap<>();
      for (KeyValue<String, byte[]> record : output.readKeyValuesToList()) {
        latest.put(record.key, AGGREGATES.decode(record.value));
      }
      long nine = NINE.toEpochMilli();
      long ten = nine + PeerAggregates.HOUR_MILLIS;
      assertThat(latest).containsOnlyKeys(PeerAggregates.documentId(nine, "NE-MAG", "INCOMING", "NGA"),
          PeerAggregates.documentId(nine, "NE-MAG", "OUTGOING", "NGA"),
          PeerAggregates.documentId(nine, "NE-DBT", "INCOMING", "NGA"),
          PeerAggregates.documentId(ten, "NE-MAG", "INCOMING", "NGA"));
      assertThat(latest.get(PeerAggregates.documentId(nine, "NE-MAG", "INCOMING", "NGA"))).isEqualTo(
          PeerAggregates.hourly(nine, "NE-MAG", "INCOMING", "NGA", new Counts(1, 0, 0, 1, 0, 1, 0, 2)));
      assertThat(latest.get(PeerAggregates.documentId(nine, "NE-MAG", "OUTGOING", "NGA"))).isEqualTo(
          PeerAggregates.hourly(nine, "NE-MAG", "OUTGOING", "NGA", new Counts(0, 0, 0, 0, 1, 0, 1, 1)));
      assertThat(latest.get(PeerAggregates.documentId(nine, "NE-DBT", "INCOMING", "NGA"))).isEqualTo(
          PeerAggregates.hourly(nine, "NE-DBT", "INCOMING", "NGA", new Counts(0, 0, 1, 0, 0, 0, 0, 1)));
      assertThat(latest.get(PeerAggregates.documentId(ten, "NE-MAG", "INCOMING", "NGA"))).isEqualTo(
          PeerAggregates.hourly(ten, "NE-MAG", "INCOMING", "NGA", new Counts(2, 0, 0, 0, 0, 0, 0, 2)));
    }
  }

  @Test
  void aMovementSurvivesItsSerde() {
    Movement movement = new Movement("NE-MAG", "OUTGOING", "NGA", Person.GIRL, true, false);
    byte[] bytes = Movement.SERDE.serializer().serialize("t", movement);
    assertThat(Movement.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(movement);
    Counts counts = new Counts(1, 2, 3, 4, 5, 6, 7, 28);
    assertThat(KafkaStreamsTopology.COUNTS_SERDE.deserializer().deserialize("t",
        KafkaStreamsTopology.COUNTS_SERDE.serializer().serialize("t", counts))).isEqualTo(counts);
  }

  @Test
  void namesItsSourceTopicsAndRecognisesOnlyItsOwnInternalTopics() {
    assertThat(KafkaStreamsTopology.sourceTopics("app-1", "in"))
        .containsExactly("in", "app-1-by-record-repartition", "app-1-by-flow-repartition");
    assertThat(KafkaStreamsTopology.isInternalTopic("app-1", "app-1-first-seen-changelog")).isTrue();
    assertThat(KafkaStreamsTopology.isInternalTopic("app-1", "app-1-by-flow-repartition")).isTrue();
    assertThat(KafkaStreamsTopology.isInternalTopic("app-1", "app-10-by-flow-repartition")).isFalse();
    assertThat(KafkaStreamsTopology.isInternalTopic("app-1", "app-1.aggregates")).isFalse();
    assertThat(KafkaStreamsTopology.isInternalTopic("app-1", "flowwatch.app-1.aggregates")).isFalse();
  }
}
