package org.flowwatch.jobs.flowaggregation.model;

import java.util.ArrayList;
import java.util.List;

/** A decoded, validated and enriched input record: its identity for deduplication and the movements it counts. */
public final class ValidRecord {
  /** Source kind and record id: the same id in the two streams names two different records. */
  public String dedupKey;
  public long eventTimeMillis;
  public List<Movement> movements = new ArrayList<>();

  public ValidRecord() {}
}
