package org.flowwatch.jobs.flowaggregation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.ObservationGenerator;

/**
 * The input of the flow aggregation job's savepoints: a day of simulated observations and of border crossings, cut at
 * {@link #CUT} (mid-hour, so that the hour's windows hold records of both halves). The first half ends with bad
 * records; the second half adds resends of first-half records (only the restored deduplication state knows them),
 * resends of its own, and bad records of other kinds.
 *
 * <p>Every release's savepoint was taken of exactly this input: changing it breaks every savepoint in
 * state/history. A release that needs another input adds a new corpus instead.
 */
final class SavepointCorpus {
  static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
  static final Instant CUT = Instant.parse("2024-03-04T12:30:00Z");

  final List<FlowObservation> validObservations = new ArrayList<>();
  final List<CheckpointCrossing> validCrossings = new ArrayList<>();
  final Half first = new Half();
  final Half second = new Half();

  /** What goes to the two input topics in one half, in order. */
  static final class Half {
    final List<byte[]> observations = new ArrayList<>();
    final List<byte[]> crossings = new ArrayList<>();
    final Map<RejectReason, Long> rejections = new EnumMap<>(RejectReason.class);
  }

  SavepointCorpus() {
    AvroCodec<FlowObservation> observationCodec = AvroCodec.of(FlowObservation.class);
    AvroCodec<CheckpointCrossing> crossingCodec = AvroCodec.of(CheckpointCrossing.class);
    List<FlowObservation> day = new ArrayList<>(new ObservationGenerator(61L, 1.0).between(START,
        START.plus(Duration.ofDays(1))));
    day.sort(Comparator.comparing(FlowObservation::getObservedAt));
    validObservations.addAll(day);
    for (FlowObservation observation : day) {
      halfOf(observation.getObservedAt()).observations.add(observationCodec.encode(observation));
    }
    List<FlowObservation> before = day.stream().filter(o -> o.getObservedAt().isBefore(CUT)).toList();
    List<FlowObservation> after = day.stream().filter(o -> !o.getObservedAt().isBefore(CUT)).toList();
    before.subList(0, 10).forEach(o -> second.observations.add(observationCodec.encode(o)));
    after.subList(0, 5).forEach(o -> second.observations.add(observationCodec.encode(o)));

    FlowObservation template = before.get(0);
    for (int i = 0; i < 3; i++) {
      first.observations.add(observationCodec.encode(FlowObservation.newBuilder(template).setId("negative-" + i)
          .setTravellers(List.of(new TravellerGroup("NGA", -3, 1, 0, 0, 0,
              template.getTravellers().get(0).getVulnerabilities()))).build()));
    }
    first.rejections.put(RejectReason.INVALID_COUNT, 3L);
    for (int i = 0; i < 2; i++) {
      first.observations.add(observationCodec.encode(FlowObservation.newBuilder(template).setId("nowhere-" + i)
          .setPointCode("XX-NOWHERE").build()));
    }
    first.rejections.put(RejectReason.UNKNOWN_POINT, 2L);
    for (int i = 0; i < 2; i++) {
      second.observations.add(observationCodec.encode(FlowObservation.newBuilder(template).setId("future-" + i)
          .setObservedAt(Instant.parse("2100-01-01T00:00:00Z")).build()));
    }
    second.rejections.put(RejectReason.FUTURE_EVENT_TIME, 2L);
    second.observations.add("{\"id\": \"json is not avro\"}".getBytes(StandardCharsets.UTF_8));
    second.rejections.put(RejectReason.UNDECODABLE, 1L);

    SplittableRandom random = new SplittableRandom(61L);
    List<CheckpointCrossing> crossings = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      crossings.add(new CheckpointCrossing("crossing-" + i, i % 2 == 0 ? "NE-MAG" : "NE-DIS",
          START.plus(Duration.ofMinutes(random.nextInt(24 * 60))),
          random.nextBoolean() ? CrossingDirection.ENTRY : CrossingDirection.EXIT,
          random.nextBoolean() ? "NGA" : "NER", Sex.values()[random.nextInt(3)], AgeBand.values()[random.nextInt(5)],
          DocumentType.NATIONAL_ID, MovementReason.SEASONAL));
    }
    crossings.sort(Comparator.comparing(CheckpointCrossing::getCrossedAt));
    validCrossings.addAll(crossings);
    crossings.forEach(c -> halfOf(c.getCrossedAt()).crossings.add(crossingCodec.encode(c)));
  }

  private Half halfOf(Instant eventTime) {
    return eventTime.isBefore(CUT) ? first : second;
  }
}
