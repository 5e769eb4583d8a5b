package org.flowwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CountSeriesTest {

  private static CountSeries read(String text) throws Exception {
    return CountSeries.read(new StringReader(text));
  }

  @Test
  void readsADailySeriesFillingMissingDaysWithZero() throws Exception {
    CountSeries series = read("date,count\n2024-01-01,5\n2024-01-02,7\n2024-01-04,3\n");

    assertThat(series.errors()).isEmpty();
    assertThat(series.dates()).containsExactly(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"),
        LocalDate.parse("2024-01-03"), LocalDate.parse("2024-01-04"));
    assertThat(series.counts()).containsExactly(5, 7, 0, 3);
  }

  @Test
  void readsAWeeklySeries() throws Exception {
    CountSeries series = read("2024-01-01,50\n2024-01-08,60\n2024-01-22,40\n");
    assertThat(series.dates()).hasSize(4);
    assertThat(series.counts()).containsExactly(50, 60, 0, 40);
  }

  @Test
  void reportsEveryMalformedLineWithItsNumberAndReason() throws Exception {
    CountSeries series = read("date,count\n2024-04-30,5\n2024-04-31,6\nyesterday,3\n2024-05-01,-2\n2024-05-02,many\n"
        + "2024-05-03\n2024-04-30,9\n");

    assertThat(series.errors()).containsExactly(
        "line 3: '2024-04-31' is not a valid date (YYYY-MM-DD)",
        "line 4: 'yesterday' is not a valid date (YYYY-MM-DD)",
        "line 5: count -2 is not a non-negative number",
        "line 6: count 'many' is not a number",
        "line 7: expected date,count, found 1 fields: '2024-05-03'",
        "line 8: date 2024-04-30 appears more than once");
  }
}
