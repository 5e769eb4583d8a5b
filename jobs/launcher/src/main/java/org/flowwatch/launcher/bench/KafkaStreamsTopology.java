package org.flowwatch.launcher.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.flowwatch.launcher.bench.PeerAggregates.Counts;
import org.flowwatch.launcher.bench.PeerAggregates.Person;
import org.flowwatch.schema.AgeBand;
import org.flowwatch.schema.CheckpointCrossing;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;

/**
 * The Kafka Streams topology of the kafka-streams peer ({@link KafkaStreamsPeer}), three sub-topologies:
 * <ol>
 *   <li>decode each value with flowwatch's AvroCodec into a {@link Movement}, keyed by (checkpoint, id), its timestamp
 *       the crossing time; repartition by that key ({@value #BY_RECORD});
 *   <li>keep the first copy of each (checkpoint, id): a window store ({@value #FIRST_SEEN}) of the ids seen per hour
 *       of crossing time, retained for the hour plus the allowed lateness, so an id is forgotten when flowwatch
 *       forgets it; re-key by (checkpoint, direction, nationality); repartition ({@value #BY_FLOW});
 *   <li>count in hourly tumbling windows ({@value #HOURLY_COUNTS}) whose grace period is the allowed lateness, and
 *       write each result, as flowwatch's FlowAggregate record, to the output topic when it changes (emit on update,
 *       through the record cache: at most one result per window and commit, or when the cache is full).
 * </ol>
 * State stores are in-memory (backed by changelog topics), as flowwatch's state is on the heap (backed by checkpoints).
 */
public final class KafkaStreamsTopology {
  public static final String BY_RECORD = "by-record";
  public static final String BY_FLOW = "by-flow";
  public static final String FIRST_SEEN = "first-seen";
  public static final String HOURLY_COUNTS = "hourly-counts";
  /** Separates the parts of a key: not a character of a code, an id or a nationality. */
  static final char SEPARATOR = '\u001f';
  private static final Duration HOUR = Duration.ofHours(1);

  private KafkaStreamsTopology() {}

  /**
   * @param allowedLateness how long after its end a window still counts records (its grace period), and how long after
   *     its hour a (checkpoint, id) is remembered; in stream time, the largest crossing time seen
   */
  public static Topology build(String inputTopic, String outputTopic, Duration allowedLateness) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(FIRST_SEEN, HOUR.plus(allowedLateness), HOUR, false), Serdes.String(),
        Serdes.Integer()));
    builder.stream(inputTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crossings"))
        .process(Decode::new, Named.as("decode"))
        .repartition(Repartitioned.with(Serdes.String(), Movement.SERDE).withName(BY_RECORD))
        .process(FirstCopy::new, Named.as("first-copy"), FIRST_SEEN)
        .repartition(Repartitioned.with(Serdes.String(), Movement.SERDE).withName(BY_FLOW))
        .groupByKey(Grouped.with(Serdes.String(), Movement.SERDE))
        .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, allowedLateness))
        .aggregate(() -> EMPTY, (key, movement, counts) -> add(counts, movement),
            Materialized.<String, Counts>as(
                    Stores.inMemoryWindowStore(HOURLY_COUNTS, HOUR.plus(allowedLateness), HOUR, false))
                .withKeySerde(Serdes.String()).withValueSerde(COUNTS_SERDE))
        .toStream(Named.as("window-results"))
        .map((window, counts) -> {
          String[] flow = splitKey(window.key());
          var aggregate = PeerAggregates.hourly(window.window().start(), flow[0], flow[1], flow[2], counts);
          return KeyValue.pair(PeerAggregates.documentId(aggregate), PeerAggregates.encode(aggregate));
        }, Named.as("flow-aggregate"))
        .to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("aggregates"));
    return builder.build();
  }

  /** The topics the application reads, one per sub-topology in order: the input, then its repartition topics. */
  public static String[] sourceTopics(String applicationId, String inputTopic) {
    return new String[] {inputTopic, internalTopic(applicationId, BY_RECORD), internalTopic(applicationId, BY_FLOW)};
  }

  static String internalTopic(String applicationId, String repartitionName) {
    return applicationId + "-" + repartitionName + "-repartition";
  }

  /** Whether {@code topic} is an internal topic (repartition or changelog) of application {@code applicationId}. */
  public static boolean isInternalTopic(String applicationId, String topic) {
    return topic.startsWith(applicationId + "-") && (topic.endsWith("-repartition") || topic.endsWith("-changelog"));
  }

  static String key(String... parts) {
    return String.join(String.valueOf(SEPARATOR), parts);
  }

  static String[] splitKey(String key) {
    return key.split(String.valueOf(SEPARATOR), -1);
  }

  static final Counts EMPTY = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

  static Counts add(Counts counts, Movement movement) {
    return new Counts(
        counts.men() + (movement.person() == Person.MAN ? 1 : 0),
        counts.women() + (movement.person() == Person.WOMAN ? 1 : 0),
        counts.boys() + (movement.person() == Person.BOY ? 1 : 0),
        counts.girls() + (movement.person() == Person.GIRL ? 1 : 0),
        counts.unspecified() + (movement.person() == Person.UNSPECIFIED ? 1 : 0),
        counts.childrenUnder5() + (movement.childUnder5() ? 1 : 0),
        counts.elderly() + (movement.elderly() ? 1 : 0),
        counts.observations() + 1);
  }

  /** One crossing as the windows count it: where, which way, who. */
  public record Movement(String pointCode, String direction, String nationality, Person person, boolean childUnder5,
      boolean elderly) {
    static final Serde<Movement> SERDE = Serdes.serdeFrom(Movement::serialize, Movement::deserialize);

    public static Movement of(CheckpointCrossing crossing) {
      return new Movement(crossing.getCheckpointCode(), PeerAggregates.direction(crossing.getDirection()).name(),
          crossing.getNationality(), Person.of(crossing.getSex(), crossing.getAgeBand()),
          crossing.getAgeBand() == AgeBand.UNDER_5, crossing.getAgeBand() == AgeBand.AGE_60_PLUS);
    }

    String flowKey() {
      return key(pointCode, direction, nationality);
    }

    private static byte[] serialize(String topic, Movement movement) {
      if (movement == null) {
        return null;
      }
      byte[] point = movement.pointCode.getBytes(StandardCharsets.UTF_8);
      byte[] direction = movement.direction.getBytes(StandardCharsets.UTF_8);
      byte[] nationality = movement.nationality.getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.allocate(
          3 * Integer.BYTES + point.length + direction.length + nationality.length + 2);
      for (byte[] field : new byte[][] {point, direction, nationality}) {
        buffer.putInt(field.length).put(field);
      }
      buffer.put((byte) movement.person.ordinal());
      buffer.put((byte) ((movement.childUnder5 ? 1 : 0) | (movement.elderly ? 2 : 0)));
      return buffer.array();
    }

    private static Movement deserialize(String topic, byte[] bytes) {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      String[] fields = new String[3];
      for (int i = 0; i < fields.length; i++) {
        byte[] field = new byte[buffer.getInt()];
        buffer.get(field);
        fields[i] = new String(field, StandardCharsets.UTF_8);
      }
      Person person = Person.values()[buffer.get()];
      byte flags = buffer.get();
      return new Movement(fields[0], fields[1], fields[2], person, (flags & 1) != 0, (flags & 2) != 0);
    }
  }

  static final Serde<Counts> COUNTS_SERDE = Serdes.serdeFrom(
      (Serializer<Counts>) (topic, counts) -> counts == null ? null : ByteBuffer.allocate(8 * Long.BYTES)
          .putLong(counts.men()).putLong(counts.women()).putLong(counts.boys()).putLong(counts.girls())
          .putLong(counts.unspecified()).putLong(counts.childrenUnder5()).putLong(counts.elderly())
          .putLong(counts.observations()).array(),
      (Deserializer<Counts>) (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Counts(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(),
            buffer.getLong(), buffer.getLong(), buffer.getLong());
      });

  /** Decodes a crossing; keys it by (checkpoint, id) and times it by its crossing time. */
  static final class Decode implements Processor<byte[], byte[], String, Movement> {
    private final AvroCodec<CheckpointCrossing> codec = AvroCodec.of(CheckpointCrossing.class);
    private ProcessorContext<String, Movement> context;

    @Override
    public void init(ProcessorContext<String, Movement> context) {
      this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      CheckpointCrossing crossing;
      try {
        crossing = codec.decode(record.value());
      } catch (UndecodableRecordException e) {
        throw new StreamsException("kafka-streams peer: " + e.getMessage(), e);
      }
      context.forward(new Record<>(key(crossing.getCheckpointCode(), crossing.getId()), Movement.of(crossing),
          crossing.getCrossedAt().toEpochMilli()));
    }
  }

  /**
   * Forwards the first copy of each (checkpoint, id), re-keyed by its flow. Copies are counted per hour of crossing
   * time (a resend repeats the record, so its hour): one point lookup per record, and whole hours expire together.
   */
  static final class FirstCopy implements Processor<String, Movement, String, Movement> {
    private ProcessorContext<String, Movement> context;
    private WindowStore<String, Integer> copies;

    @Override
    public void init(ProcessorContext<String, Movement> context) {
      this.context = context;
      this.copies = context.getStateStore(FIRST_SEEN);
    }

    @Override
    public void process(Record<String, Movement> record) {
      long hour = PeerAggregates.hourStart(record.timestamp());
      Integer seen = copies.fetch(record.key(), hour);
      copies.put(record.key(), seen == null ? 1 : seen + 1, hour);
      if (seen == null) {
        context.forward(record.withKey(record.value().flowKey()));
      }
    }
  }
}
