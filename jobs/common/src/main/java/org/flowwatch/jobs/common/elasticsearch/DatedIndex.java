package org.flowwatch.jobs.common.elasticsearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Indices are partitioned by the time their documents are about (a window's start, an alert's opening, a rejection):
 * {@code <base>-yyyy.MM.01} by month or {@code <base>-yyyy.01.01} by year. A document's partition never changes, so
 * its revisions overwrite it in place; old partitions can be deleted whole; and the suffix is the date format
 * Elasticsearch's lifecycle management parses as the index's origination date
 * ({@code index.lifecycle.parse_origination_date}), so retention counts from the time the data describes, also for
 * replays of old data. Flows are partitioned by year: a replay of fifteen years of history by month would make
 * hundreds of small indices (a single node allows 1,000 shards); the short-lived indices are partitioned by month.
 */
public final class DatedIndex {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC);

  private DatedIndex() {}

  public static String monthly(String base, Instant time) {
    return base + "-" + MONTH.format(time) + ".01";
  }

  public static String yearly(String base, Instant time) {
    return base + "-" + YEAR.format(time) + ".01.01";
  }
}
