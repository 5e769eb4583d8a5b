package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CrossingDirection;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.Sex;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;

/**
 * What the peers write, the same record flowwatch writes to its aggregates topic: a point-level hourly
 * {@link FlowAggregate} of border crossings, Avro single-object encoded, keyed by flowwatch's own document id
 * ({@link FlowAggregateDocuments#documentId}). Reference data is not looked up, so route, region and coordinates stay
 * empty; every result is revision 1 (the peers emit a window once, when it closes). Plain Java, shared by both peers.
 */
public final class PeerAggregates {
  public static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  /** Crossings carry no transport mode: flowwatch counts each under OTHER, and so do the peers. */
  public static final String TRANSPORT_MODE = "OTHER";

  private static final AvroCodec<FlowAggregate> CODEC = AvroCodec.of(FlowAggregate.class);

  private PeerAggregates() {}

  /** Who one crossing counts as in flowwatch's split (ValidateAndEnrich): sex and age band, one of five. */
  public enum Person {
    MAN, WOMAN, BOY, GIRL, UNSPECIFIED;

    public static Person of(Sex sex, AgeBand ageBand) {
      if (ageBand == AgeBand.UNKNOWN || sex == Sex.UNKNOWN) {
        return UNSPECIFIED;
      }
      boolean child = ageBand == AgeBand.UNDER_5 || ageBand == AgeBand.AGE_5_17;
      if (sex == Sex.MALE) {
        return child ? BOY : MAN;
      }
      return child ? GIRL : WOMAN;
    }
  }

  /** The direction of movement at the point: an entry is INCOMING, an exit OUTGOING (as flowwatch maps them). */
  public static Direction direction(CrossingDirection direction) {
    return direction == CrossingDirection.ENTRY ? Direction.INCOMING : Direction.OUTGOING;
  }

  /** Start of the UTC hour {@code eventTimeMillis} falls in. */
  public static long hourStart(long eventTimeMillis) {
    return Math.floorDiv(eventTimeMillis, HOUR_MILLIS) * HOUR_MILLIS;
  }

  /** The counts of one hourly window of one (point, direction, nationality). */
  public record Counts(long men, long women, long boys, long girls, long unspecified, long childrenUnder5,
      long elderly, long observations) {
    public long travellers() {
      return men + women + boys + girls + unspecified;
    }
  }

  /** The hourly aggregate of {@code counts} in the window starting at {@code windowStartMillis}. */
  public static FlowAggregate hourly(long windowStartMillis, String pointCode, String direction, String nationality,
      Counts counts) {
    return FlowAggregate.newBuilder()
        .setGranularity(WindowGranularity.HOURLY)
        .setWindowStart(Instant.ofEpochMilli(windowStartMillis))
        .setWindowEnd(Instant.ofEpochMilli(windowStartMillis + HOUR_MILLIS))
        .setLevel(AggregateLevel.POINT)
        .setPointCode(pointCode)
        .setDirection(Direction.valueOf(direction))
        .setNationality(nationality)
        .setSourceKind(SourceKind.BORDER_CROSSING)
        .setTravellers(counts.travellers())
        .setMen(counts.men())
        .setWomen(counts.women())
        .setBoys(counts.boys())
        .setGirls(counts.girls())
        .setUnspecified(counts.unspecified())
        .setChildrenUnder5(counts.childrenUnder5())
        .setElderly(counts.elderly())
        .setTransportModes(Map.of(TRANSPORT_MODE, counts.travellers()))
        .setObservations(counts.observations())
        .setRevision(1)
        .build();
  }

  /** The Kafka key flowwatch gives the same aggregate. */
  public static String documentId(FlowAggregate aggregate) {
    return FlowAggregateDocuments.documentId(aggregate);
  }

  /** The key of the hourly aggregate of (point, direction, nationality) from {@code windowStartMillis}. */
  public static String documentId(long windowStartMillis, String pointCode, String direction, String nationality) {
    return documentId(hourly(windowStartMillis, pointCode, direction, nationality, new Counts(0, 0, 0, 0, 0, 0, 0, 0)));
  }

  /** The Kafka value: Avro single-object encoding, as flowwatch writes it. */
  public static byte[] encode(FlowAggregate aggregate) {
    return CODEC.encode(aggregate);
  }
}
