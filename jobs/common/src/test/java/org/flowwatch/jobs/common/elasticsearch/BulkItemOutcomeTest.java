package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which outcome of a bulk item is success, which is retried and which goes to the rejected path. */
class BulkItemOutcomeTest {

  @ParameterizedTest(name = "status {0}, failed {1}: {2}")
  @CsvSource({
      "200, false, WRITTEN",
      "201, false, WRITTEN",
      "409, true, NEWER_REVISION_KEPT",
      "429, true, RETRY",
      "500, true, RETRY",
      "502, true, RETRY",
      "503, true, RETRY",
      "504, true, RETRY",
      "401, true, RETRY",
      "403, true, RETRY",
      "404, true, RETRY",
      "408, true, RETRY",
      "400, true, UNFIXABLE",
      "413, true, UNFIXABLE",
      "200, true, UNFIXABLE"})
  void shouldReportOnlyWhatTheDocumentCausedAndTakeAVersionConflictAsSuccess(int status, boolean failed,
      BulkItemOutcome expected) {
    assertThat(BulkItemOutcome.of(status, failed)).isEqualTo(expected);
  }
}
