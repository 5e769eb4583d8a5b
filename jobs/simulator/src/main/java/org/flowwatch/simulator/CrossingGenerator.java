package org.flowwatch.simulator;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.DocumentType;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Sex;

/**
 * Border-post registrations, one per traveller, spread evenly over an interval of event time at Niger's southern and
 * western border points: the high-volume stream (millions a day in a multi-country deployment). Deterministic per seed.
 */
public final class CrossingGenerator {
  private static final List<String> POSTS = List.of("NE-MAG", "NE-DBT", "NE-DIS", "NE-GAY", "NE-AYR", "NE-TER");
  private static final List<String> NATIONALITIES = List.of("NER", "NER", "NER", "NGA", "NGA", "MLI", "BFA", "BEN",
      "TCD", "TGO", "GHA", "CIV", "SEN", "GIN", "CMR");

  private final SplittableRandom random;
  private final String idPrefix;

  public CrossingGenerator(long seed) {
    this.random = new SplittableRandom(seed);
    this.idPrefix = "crossing-" + Long.toHexString(seed) + "-";
  }

  /** The {@code index}-th of {@code count} crossings spread evenly over [from, to). */
  public CheckpointCrossing crossing(long index, long count, Instant from, Instant to) {
    long span = to.toEpochMilli() - from.toEpochMilli();
    return crossingAt(index, Instant.ofEpochMilli(from.toEpochMilli() + (long) ((double) span * index / count)));
  }

  /** Crossing number {@code sequence} (its id), registered at {@code at}. */
  public CheckpointCrossing crossingAt(long sequence, Instant at) {
    return CheckpointCrossing.newBuilder()
        .setId(idPrefix + sequence)
        .setCheckpointCode(POSTS.get(random.nextInt(POSTS.size())))
        .setCrossedAt(at)
        .setDirection(random.nextBoolean() ? CrossingDirection.ENTRY : CrossingDirection.EXIT)
        .setNationality(NATIONALITIES.get(random.nextInt(NATIONALITIES.size())))
        .setSex(random.nextDouble() < 0.7 ? Sex.MALE : Sex.FEMALE)
        .setAgeBand(random.nextDouble() < 0.8 ? AgeBand.AGE_18_59 : AgeBand.AGE_5_17)
        .setDocumentType(DocumentType.ECOWAS_TRAVEL_CERTIFICATE)
        .setPurpose(MovementReason.SHORT_TERM_LOCAL)
        .build();
  }
}
