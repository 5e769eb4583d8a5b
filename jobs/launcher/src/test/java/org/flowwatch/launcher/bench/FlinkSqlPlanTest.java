package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;

/** The planner's view of the flink-sql peer's query: planned only, nothing runs and no broker is contacted. */
class FlinkSqlPlanTest {
  @Test
  void thePlannerDeduplicatesOnEventTimeInsertOnlyDecodesOnceAndAggregatesInWindows() {
    FlinkSqlQuery query = new FlinkSqlQuery("in", "out", Map.of("bootstrap.servers", "127.0.0.1:1"), "g", "t",
        Duration.ofMinutes(5), Duration.ofMinutes(10));
    StreamTableEnvironment tables = FlinkSqlPeer.tables(StreamExecutionEnvironment.getExecutionEnvironment(),
        Duration.ofMinutes(1), Duration.ofHours(73));
    List<String> statements = query.statements();
    statements.subList(0, statements.size() - 1).forEach(tables::executeSql);

    String plan = tables.explainSql(query.insert());
    String execution = plan.substring(plan.indexOf("== Optimized Execution Plan =="));

    assertThat(execution)
        .contains("Deduplicate(keep=[FirstRow], key=[id, checkpoint_code], order=[ROWTIME], outputInsertOnly=[true])")
        .contains("GlobalWindowAggregate(groupBy=[checkpoint_code, direction, nationality], window=[TUMBLE(")
        .contains("size=[1 h]")
        // The watermark is generated in the source, on the column the format decoded there: one decode per record.
        .contains("TableSourceScan(table=[[default_catalog, default_database, crossings, "
            + "watermark=[-(crossed_at, 300000:INTERVAL DAY TO SECOND(3))], idletimeout=[60000]")
        .contains("fields=[id, checkpoint_code, crossed_at, direction, nationality, sex, age_band])");
  }
}
