package org.flowwatch.launcher.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL text of the flink-sql peer ({@link FlinkSqlPeer}), built from the run's parameters: a bounded Kafka table of
 * crossings with an event-time watermark, the first copy of each (checkpoint, id), hourly tumbling windows per
 * (checkpoint, direction, nationality) with flowwatch's men/women/boys/girls/unspecified split, into a transactional
 * Kafka table. Plain Java, so that the text can be tested without a cluster.
 *
 * @param kafkaProperties client properties every table passes to Kafka (bootstrap servers, security), without the
 *     {@code properties.} prefix
 * @param outOfOrderness how far event time may go back: the watermark lags the largest crossing time by this much
 * @param transactionTimeout the sink's producer transaction timeout
 */
public record FlinkSqlQuery(String inputTopic, String outputTopic, Map<String, String> kafkaProperties, String groupId,
    String transactionalIdPrefix, Duration outOfOrderness, Duration transactionTimeout) {

  public static final String CROSSINGS = "crossings";
  public static final String FIRST_CROSSINGS = "first_crossings";
  public static final String FLOW_AGGREGATES = "flow_aggregates";

  /** Every statement, in order: the two tables and the view, then the INSERT that runs the job. */
  public List<String> statements() {
    return List.of(crossingsTable(), firstCrossingsView(), flowAggregatesTable(), insert());
  }

  /** The input: the crossings topic read from its start to the end it has when the job starts. */
  public String crossingsTable() {
    Map<String, String> options = kafka(inputTopic);
    options.put("properties.group.id", groupId);
    options.put("properties.isolation.level", "read_committed");
    options.put("scan.startup.mode", "earliest-offset");
    options.put("scan.bounded.mode", "latest-offset");
    options.put("value.format", CrossingFormatFactory.IDENTIFIER);
    return "CREATE TEMPORARY TABLE " + CROSSINGS + " (\n"
        + "  id STRING,\n"
        + "  checkpoint_code STRING,\n"
        + "  crossed_at TIMESTAMP_LTZ(3),\n"
        + "  direction STRING,\n"
        + "  nationality STRING,\n"
        + "  sex STRING,\n"
        + "  age_band STRING,\n"
        + "  WATERMARK FOR crossed_at AS crossed_at - " + interval(outOfOrderness) + "\n"
        + ") WITH (\n" + with(options) + "\n)";
  }

  /**
   * Each (checkpoint, id) once: the copy with the earliest crossing time. Ordered by the event-time attribute, the
   * planner deduplicates "keep first row on rowtime", which emits inserts only, so the window TVF can follow.
   */
  public String firstCrossingsView() {
    return "CREATE TEMPORARY VIEW " + FIRST_CROSSINGS + " AS\n"
        + "SELECT id, checkpoint_code, crossed_at, direction, nationality, sex, age_band\n"
        + "FROM (\n"
        + "  SELECT *, ROW_NUMBER() OVER (PARTITION BY checkpoint_code, id ORDER BY crossed_at) AS copy_number\n"
        + "  FROM " + CROSSINGS + "\n"
        + ") WHERE copy_number = 1";
  }

  /** The output: flowwatch's document id as key, the encoded FlowAggregate as value, written exactly once. */
  public String flowAggregatesTable() {
    Map<String, String> options = kafka(outputTopic);
    options.put("properties.transaction.timeout.ms", String.valueOf(transactionTimeout.toMillis()));
    options.put("key.format", "raw");
    options.put("key.fields", "document_id");
    options.put("value.format", "raw");
    options.put("value.fields-include", "EXCEPT_KEY");
    options.put("sink.delivery-guarantee", "exactly-once");
    options.put("sink.transactional-id-prefix", transactionalIdPrefix);
    return "CREATE TEMPORARY TABLE " + FLOW_AGGREGATES + " (\n"
        + "  document_id STRING,\n"
        + "  flow_aggregate BYTES\n"
        + ") WITH (\n" + with(options) + "\n)";
  }

  /**
   * Hourly tumbling windows per (checkpoint, direction, nationality): travellers split as flowwatch splits a crossing
   * (sex or age band unknown: unspecified; under 18: boy or girl; else man or woman), children under five and elderly.
   */
  public String insert() {
    String child = "age_band IN ('UNDER_5', 'AGE_5_17')";
    String adult = "age_band IN ('AGE_18_59', 'AGE_60_PLUS')";
    return "INSERT INTO " + FLOW_AGGREGATES + "\n"
        + "SELECT\n"
        + "  " + FlowAggregateFunctions.KEY + "(window_start, checkpoint_code, direction, nationality),\n"
        + "  " + FlowAggregateFunctions.VALUE + "(window_start, checkpoint_code, direction, nationality, men, women,"
        + " boys, girls, unspecified, children_under_5, elderly, observations)\n"
        + "FROM (\n"
        + "  SELECT window_start, checkpoint_code,\n"
        + "    CASE direction WHEN 'ENTRY' THEN 'INCOMING' ELSE 'OUTGOING' END AS direction,\n"
        + "    nationality,\n"
        + "    COUNT(*) FILTER (WHERE sex = 'MALE' AND " + adult + ") AS men,\n"
        + "    COUNT(*) FILTER (WHERE sex = 'FEMALE' AND " + adult + ") AS women,\n"
        + "    COUNT(*) FILTER (WHERE sex = 'MALE' AND " + child + ") AS boys,\n"
        + "    COUNT(*) FILTER (WHERE sex = 'FEMALE' AND " + child + ") AS girls,\n"
        + "    COUNT(*) FILTER (WHERE sex = 'UNKNOWN' OR age_band = 'UNKNOWN') AS unspecified,\n"
        + "    COUNT(*) FILTER (WHERE age_band = 'UNDER_5') AS children_under_5,\n"
        + "    COUNT(*) FILTER (WHERE age_band = 'AGE_60_PLUS') AS elderly,\n"
        + "    COUNT(*) AS observations\n"
        + "  FROM TABLE(TUMBLE(TABLE " + FIRST_CROSSINGS + ", DESCRIPTOR(crossed_at), INTERVAL '1' HOUR))\n"
        + "  GROUP BY window_start, window_end, checkpoint_code, direction, nationality\n"
        + ")";
  }

  private Map<String, String> kafka(String topic) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("connector", "kafka");
    options.put("topic", topic);
    kafkaProperties.forEach((key, value) -> options.put("properties." + key, value));
    return options;
  }

  /** A SQL day-to-second interval literal of {@code duration}, to the millisecond (days of two digits at most). */
  static String interval(Duration duration) {
    if (duration.isNegative() || duration.toDays() > 99) {
      throw new IllegalArgumentException("not an interval of 0 to 99 days: " + duration);
    }
    return String.format("INTERVAL '%d %02d:%02d:%02d.%03d' DAY TO SECOND(3)", duration.toDays(),
        duration.toHoursPart(), duration.toMinutesPart(), duration.toSecondsPart(), duration.toMillisPart());
  }

  /** A WITH clause body, one quoted option a line. */
  static String with(Map<String, String> options) {
    return options.entrySet().stream()
        .map(option -> "  " + literal(option.getKey()) + " = " + literal(option.getValue()))
        .collect(Collectors.joining(",\n"));
  }

  /** A SQL string literal: single quotes doubled. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
