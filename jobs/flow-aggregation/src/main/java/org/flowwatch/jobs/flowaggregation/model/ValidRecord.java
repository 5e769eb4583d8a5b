package org.flowwatch.jobs.flowaggregation.model;

import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schema.SourceKind;

/** A decoded, validated and enriched input record: its identity for deduplication and the movements it counts. */
public final class ValidRecord {
  public SourceKind sourceKind;
  /** See {@link #dedupKey(SourceKind, String, String)}. */
  public String dedupKey;
  public long eventTimeMillis;
  public List<Movement> movements = new ArrayList<>();

  public ValidRecord() {}

  /**
   * The identity of a record for deduplication. Ids are unique per registry or border-post system, not globally (the
   * schemas say so): the same id from two points, or in the two streams, names two different records. The point
   * code is length-prefixed so that no code and id can run into another pair's.
   */
  public static String dedupKey(SourceKind kind, String pointCode, String recordId) {
    return kind.name() + ':' + pointCode.length() + ':' + pointCode + ':' + recordId;
  }
}
