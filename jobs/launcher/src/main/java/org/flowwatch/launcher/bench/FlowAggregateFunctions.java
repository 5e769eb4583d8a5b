package org.flowwatch.launcher.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * The SQL functions that turn a closed hourly window of the flink-sql peer into the Kafka record flowwatch writes for
 * it ({@link PeerAggregates}): {@code FLOW_AGGREGATE_KEY(...)}, flowwatch's document id, and
 * {@code FLOW_AGGREGATE(...)}, the Avro single-object encoded {@link org.flowwatch.schema.FlowAggregate}. Window
 * starts are UTC timestamps (the peer's session time zone is UTC).
 */
public final class FlowAggregateFunctions {
  public static final String KEY = "FLOW_AGGREGATE_KEY";
  public static final String VALUE = "FLOW_AGGREGATE";

  private FlowAggregateFunctions() {}

  static long epochMillis(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** {@code FLOW_AGGREGATE_KEY(window_start, checkpoint_code, direction, nationality)}. */
  public static final class Key extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public String eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime windowStart, String pointCode, String direction,
        String nationality) {
      return PeerAggregates.documentId(epochMillis(windowStart), pointCode, direction, nationality);
    }
  }

  /**
   * {@code FLOW_AGGREGATE(window_start, checkpoint_code, direction, nationality, men, women, boys, girls, unspecified,
   * children_under_5, elderly, observations)}.
   */
  public static final class Value extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public byte[] eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime windowStart, String pointCode, String direction,
        String nationality, long men, long women, long boys, long girls, long unspecified, long childrenUnder5,
        long elderly, long observations) {
      return PeerAggregates.encode(PeerAggregates.hourly(epochMillis(windowStart), pointCode, direction, nationality,
          new PeerAggregates.Counts(men, women, boys, girls, unspecified, childrenUnder5, elderly, observations)));
    }
  }
}
