package org.flowwatch.jobs.flowaggregation.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.jobs.flowaggregation.model.ValidRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.SourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DropDuplicatesTest {
  private static final RecordRules RULES = new RecordRules(5_000, Duration.ofHours(6), Duration.ofDays(3));
  private KeyedOneInputStreamOperatorTestHarness<String, ValidRecord, Movement> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DropDuplicates(RULES)),
        record -> record.dedupKey, Types.STRING);
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static ValidRecord record(String id, String time, String... nationalities) {
    ValidRecord record = new ValidRecord();
    record.sourceKind = SourceKind.FLOW_MONITORING;
    record.dedupKey = ValidRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", id);
    record.eventTimeMillis = Instant.parse(time).toEpochMilli();
    for (String nationality : nationalities) {
      Movement movement = new Movement();
      movement.nationality = nationality;
      movement.men = 1;
      record.movements.add(movement);
    }
    return record;
  }

  @Test
  void shouldPassTheFirstCopyOfAnIdAndDropResends() throws Exception {
    harness.processElement(record("a", "2024-01-15T08:10:00Z", "NGA", "MLI"), 1L);
    harness.processElement(record("a", "2024-01-15T08:10:00Z", "NGA", "MLI"), 2L);
    harness.processElement(record("b", "2024-01-15T08:20:00Z", "TCD"), 3L);

    assertThat(harness.extractOutputValues()).extracting(m -> m.nationality).containsExactly("NGA", "MLI", "TCD");
    assertThat(harness.getSideOutput(DropDuplicates.DUPLICATES)).singleElement().satisfies(resend -> {
      assertThat(resend.getValue().dedupKey).isEqualTo(ValidRecord.dedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "a"));
      assertThat(resend.getValue().resend).isEqualTo(1);
    });
  }

  @Test
  void shouldForgetAnIdExactlyWhenAResendWouldBeTooLateAnyway() throws Exception {
    ValidRecord record = record("a", "2024-01-15T08:10:00Z", "NGA");
    harness.processElement(record, 1L);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(RULES.forgetAt(record.eventTimeMillis) - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(RULES.forgetAt(record.eventTimeMillis));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(RULES.tooLate(record.eventTimeMillis, RULES.forgetAt(record.eventTimeMillis))).isTrue();
  }
}
