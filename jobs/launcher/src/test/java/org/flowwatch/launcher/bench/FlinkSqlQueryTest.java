package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkSqlQueryTest {
  private static final FlinkSqlQuery QUERY = new FlinkSqlQuery("flowwatch.bench-1.crossings",
      "flowwatch.bench-1-flink-sql-1.aggregates", Map.of("bootstrap.servers", "127.0.0.1:19392"),
      "bench-1-flink-sql-1", "bench-1-flink-sql-1", Duration.ofMinutes(5), Duration.ofMinutes(10));

  @Test
  void readsTheWholeTopicAsItIsAtTheStartWithTheJobsWatermark() {
    assertThat(QUERY.crossingsTable())
        .startsWith("CREATE TEMPORARY TABLE crossings (")
        .contains("crossed_at TIMESTAMP_LTZ(3)")
        .contains("WATERMARK FOR crossed_at AS crossed_at - INTERVAL '0 00:05:00.000' DAY TO SECOND(3)")
        .contains("'connector' = 'kafka'", "'topic' = 'flowwatch.bench-1.crossings'",
            "'properties.bootstrap.servers' = '127.0.0.1:19392'", "'properties.group.id' = 'bench-1-flink-sql-1'",
            "'properties.isolation.level' = 'read_committed'", "'scan.startup.mode' = 'earliest-offset'",
            "'scan.bounded.mode' = 'latest-offset'", "'value.format' = 'flowwatch-crossing'");
  }

  @Test
  void keepsTheFirstCopyOfEachIdPerCheckpointOrderedByEventTime() {
    assertThat(QUERY.firstCrossingsView())
        .startsWith("CREATE TEMPORARY VIEW first_crossings AS")
        .contains("ROW_NUMBER() OVER (PARTITION BY checkpoint_code, id ORDER BY crossed_at) AS copy_number")
        .contains("FROM crossings")
        .endsWith("WHERE copy_number = 1");
  }

  @Test
  void writesExactlyOnceToItsOwnTopicKeyedByDocumentId() {
    assertThat(QUERY.flowAggregatesTable())
        .startsWith("CREATE TEMPORARY TABLE flow_aggregates (")
        .contains("'topic' = 'flowwatch.bench-1-flink-sql-1.aggregates'",
            "'sink.delivery-guarantee' = 'exactly-once'", "'sink.transactional-id-prefix' = 'bench-1-flink-sql-1'",
            "'properties.transaction.timeout.ms' = '600000'", "'key.fields' = 'document_id'",
            "'value.fields-include' = 'EXCEPT_KEY'");
  }

  @Test
  void countsHourlyWindowsPerCheckpointDirectionAndNationalityWithFlowwatchsSplit() {
    assertThat(QUERY.insert())
        .startsWith("INSERT INTO flow_aggregates")
        .contains("FROM TABLE(TUMBLE(TABLE first_crossings, DESCRIPTOR(crossed_at), INTERVAL '1' HOUR))")
        .contains("GROUP BY window_start, window_end, checkpoint_code, direction, nationality")
        .contains("CASE direction WHEN 'ENTRY' THEN 'INCOMING' ELSE 'OUTGOING' END AS direction")
        .contains("COUNT(*) FILTER (WHERE sex = 'MALE' AND age_band IN ('AGE_18_59', 'AGE_60_PLUS')) AS men")
        .contains("COUNT(*) FILTER (WHERE sex = 'FEMALE' AND age_band IN ('AGE_18_59', 'AGE_60_PLUS')) AS women")
        .contains("COUNT(*) FILTER (WHERE sex = 'MALE' AND age_band IN ('UNDER_5', 'AGE_5_17')) AS boys")
        .contains("COUNT(*) FILTER (WHERE sex = 'FEMALE' AND age_band IN ('UNDER_5', 'AGE_5_17')) AS girls")
        .contains("COUNT(*) FILTER (WHERE sex = 'UNKNOWN' OR age_band = 'UNKNOWN') AS unspecified")
        .contains("FLOW_AGGREGATE_KEY(window_start, checkpoint_code, direction, nationality)");
    assertThat(QUERY.statements()).hasSize(4).last().isEqualTo(QUERY.insert());
  }

  @Test
  void quotesOptionValuesAndPrefixesClientProperties() {
    Map<String, String> kafka = new LinkedHashMap<>();
    kafka.put("bootstrap.servers", "b:9092");
    kafka.put("sasl.jaas.config", "Module required username='flowwatch';");
    FlinkSqlQuery query = new FlinkSqlQuery("in", "out", kafka, "g", "t", Duration.ZERO, Duration.ofMinutes(10));

    assertThat(query.crossingsTable())
        .contains("'properties.sasl.jaas.config' = 'Module required username=''flowwatch'';'")
        .contains("crossed_at - INTERVAL '0 00:00:00.000' DAY TO SECOND(3)");
  }

  @Test
  void writesDurationsAsDayToSecondIntervals() {
    assertThat(FlinkSqlQuery.interval(Duration.ofDays(3).plusHours(1).plusMinutes(2).plusMillis(3004)))
        .isEqualTo("INTERVAL '3 01:02:03.004' DAY TO SECOND(3)");
  }
}
