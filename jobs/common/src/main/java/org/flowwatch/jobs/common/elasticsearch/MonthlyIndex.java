package org.flowwatch.jobs.common.elasticsearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Indices are partitioned by month of the time their documents are about (a window's start, an alert's opening, a
 * rejection): {@code <base>-yyyy.MM.01}. A document's month never changes, so its revisions overwrite it in place;
 * old months can be deleted whole; and the suffix is the date format Elasticsearch's lifecycle management parses as
 * the index's origination date ({@code index.lifecycle.parse_origination_date}), so retention counts from the month
 * the data describes, also for replays of old data.
 */
public final class MonthlyIndex {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

  private MonthlyIndex() {}

  public static String name(String base, Instant time) {
    return base + "-" + MONTH.format(time) + ".01";
  }

  /** The pattern that matches every month of a base name. */
  public static String allMonths(String base) {
    return base + "-*";
  }
}
