package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoAccountingTest {
  /** Lines as Flink's Prometheus reporter writes them, two subtasks, trimmed to the labels that matter. */
  private static final String SCRAPE = String.join("\n",
      "# HELP flink_taskmanager_job_task_operator_source_recordsIn recordsIn (scope: taskmanager_job_task_operator_source)",
      "# TYPE flink_taskmanager_job_task_operator_source_recordsIn counter",
      "flink_taskmanager_job_task_operator_source_recordsIn{source=\"FLOW_MONITORING\",subtask_index=\"0\",} 60.0",
      "flink_taskmanager_job_task_operator_source_recordsIn{source=\"FLOW_MONITORING\",subtask_index=\"1\",} 40.0",
      "flink_taskmanager_job_task_operator_source_recordsIn{source=\"BORDER_CROSSING\",subtask_index=\"0\",} 30.0",
      "flink_taskmanager_job_task_operator_numRecordsIn{subtask_index=\"0\",} 999.0",
      "flink_taskmanager_job_task_operator_source_recordsAggregated{source=\"FLOW_MONITORING\",subtask_index=\"0\",} 90.0",
      "flink_taskmanager_job_task_operator_source_recordsAggregated{source=\"BORDER_CROSSING\",subtask_index=\"1\",} 28.0",
      "flink_taskmanager_job_task_operator_reason_source_recordsRejected{reason=\"TOO_LATE\",source=\"FLOW_MONITORING\",subtask_index=\"0\",} 4.0",
      "flink_taskmanager_job_task_operator_reason_source_recordsRejected{reason=\"INVALID_FIELD\",source=\"BORDER_CROSSING\",subtask_index=\"0\",} 1.0",
      "flink_taskmanager_job_task_operator_reason_source_recordsRejected{reason=\"UNDECODABLE\",source=\"BORDER_CROSSING\",subtask_index=\"0\",} 0.0",
      "flink_taskmanager_job_task_operator_source_duplicateRecords{source=\"FLOW_MONITORING\",subtask_index=\"1\",} 6.0",
      "");

  @Test
  void shouldBalanceEachInputFromTheJobsCounters() {
    List<DemoAccounting.InputAccount> accounts = DemoAccounting.accounts(JobCounters.Snapshot.parse(SCRAPE), 100, 30);

    assertThat(accounts.get(0)).isEqualTo(new DemoAccounting.InputAccount("observations", 100, 100, 90, 4, 6));
    assertThat(accounts.get(0).balanced()).isTrue();
    assertThat(accounts.get(0).line()).isEqualTo("observations: sent 100 = aggregated 90 + rejected 4 + duplicates 6");
    assertThat(accounts.get(1).balanced()).as("one crossing is missing").isFalse();
    assertThat(accounts.get(1).line()).endsWith("NOT BALANCED (read 30)");
  }

  @Test
  void shouldListRejectionsByReasonLeavingOutZeros() {
    assertThat(DemoAccounting.rejectedByReason(JobCounters.Snapshot.parse(SCRAPE)))
        .isEqualTo("INVALID_FIELD 1, TOO_LATE 4");
    assertThat(DemoAccounting.rejectedByReason(JobCounters.Snapshot.parse(""))).isEqualTo("none");
  }
}
