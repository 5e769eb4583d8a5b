package org.flowwatch.jobs.flowaggregation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.RejectReason;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.ObservationGenerator;

/**
 * A day of good records mixed with every kind of bad one and with resends, and what must become of each: the
 * accounting tests check that aggregated + rejected + duplicate = input, reason by reason.
 */
public final class MixedCorpus {
  public final List<FlowObservation> validObservations;
  public final List<CheckpointCrossing> validCrossings = new ArrayList<>();
  /** Every value sent to the observations topic, in order: valid, resent, invalid, garbage. */
  public final List<byte[]> observationValues = new ArrayList<>();
  public final List<byte[]> crossingValues = new ArrayList<>();
  public final Map<RejectReason, Long> expectedRejections = new EnumMap<>(RejectReason.class);
  public final long expectedDuplicates;

  private MixedCorpus(Instant start, long seed) {
    AvroCodec<FlowObservation> observations = AvroCodec.of(FlowObservation.class);
    AvroCodec<CheckpointCrossing> crossings = AvroCodec.of(CheckpointCrossing.class);
    validObservations = new ArrayList<>(new ObservationGenerator(seed, 1.0).between(start, start.plus(Duration.ofDays(1))));
    // Ids are unique per registry, not globally: another point's registry reusing the first 10 ids sends new records.
    List<String> points = MonitoringPoints.niger().stream().map(MonitoringPoint::getCode).toList();
    for (FlowObservation original : List.copyOf(validObservations.subList(0, 10))) {
      String otherPoint = points.get((points.indexOf(original.getPointCode()) + 1) % points.size());
      validObservations.add(FlowObservation.newBuilder(original).setPointCode(otherPoint).build());
    }
    validObservations.forEach(o -> observationValues.add(observations.encode(o)));

    // Resends of the first 25 observations: the same ids, counted once.
    validObservations.subList(0, 25).forEach(o -> observationValues.add(observations.encode(o)));
    expectedDuplicates = 25;

    FlowObservation template = validObservations.get(0);
    for (int i = 0; i < 5; i++) {
      observationValues.add(observations.encode(FlowObservation.newBuilder(template).setId("negative-" + i)
          .setTravellers(List.of(new TravellerGroup("NGA", -3, 1, 0, 0, 0, template.getTravellers().get(0).getVulnerabilities())))
          .build()));
    }
    for (int i = 0; i < 4; i++) {
      observationValues.add(observations.encode(FlowObservation.newBuilder(template).setId("nowhere-" + i)
          .setPointCode("XX-NOWHERE").build()));
    }
    for (int i = 0; i < 3; i++) {
      observationValues.add(observations.encode(FlowObservation.newBuilder(template).setId("future-" + i)
          .setObservedAt(Instant.parse("2100-01-01T00:00:00Z")).build()));
    }
    observationValues.add("{\"id\": \"json is not avro\"}".getBytes(StandardCharsets.UTF_8));
    // Single-object header with a fingerprint no released schema has.
    observationValues.add(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42});
    expectedRejections.put(RejectReason.INVALID_COUNT, 5L);
    expectedRejections.put(RejectReason.UNKNOWN_POINT, 4L);
    expectedRejections.put(RejectReason.FUTURE_EVENT_TIME, 3L);
    expectedRejections.put(RejectReason.UNDECODABLE, 1L);
    expectedRejections.put(RejectReason.UNKNOWN_SCHEMA, 1L);

    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 40; i++) {
      CheckpointCrossing crossing = new CheckpointCrossing("crossing-" + i, i % 2 == 0 ? "NE-MAG" : "NE-DIS",
          start.plus(Duration.ofMinutes(random.nextInt(24 * 60))),
          random.nextBoolean() ? CrossingDirection.ENTRY : CrossingDirection.EXIT,
          random.nextBoolean() ? "NGA" : "NER", Sex.values()[random.nextInt(3)], AgeBand.values()[random.nextInt(5)],
          DocumentType.NATIONAL_ID, MovementReason.SEASONAL);
      validCrossings.add(crossing);
      crossingValues.add(crossings.encode(crossing));
    }
    // The same crossing ids from the other border post's system: other people, counted.
    for (CheckpointCrossing original : List.copyOf(validCrossings.subList(0, 6))) {
      CheckpointCrossing atOtherPost = CheckpointCrossing.newBuilder(original)
          .setCheckpointCode(original.getCheckpointCode().equals("NE-MAG") ? "NE-DIS" : "NE-MAG").build();
      validCrossings.add(atOtherPost);
      crossingValues.add(crossings.encode(atOtherPost));
    }
    for (int i = 0; i < 2; i++) {
      crossingValues.add(crossings.encode(CheckpointCrossing.newBuilder(validCrossings.get(0)).setId("bad-nationality-" + i)
          .setNationality("ng").build()));
    }
    expectedRejections.put(RejectReason.INVALID_FIELD, 2L);
  }

  public static MixedCorpus day(Instant start, long seed) {
    return new MixedCorpus(start, seed);
  }

  public long totalInput() {
    return observationValues.size() + crossingValues.size();
  }

  public long expectedAggregated() {
    return validObservations.size() + validCrossings.size();
  }

  public long expectedRejected() {
    return expectedRejections.values().stream().mapToLong(Long::longValue).sum();
  }
}
