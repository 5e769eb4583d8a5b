package org.flowwatch.jobs.flowaggregation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.simulator.truth.GroundTruth;

/** Comparing what the job produced with the ground truth ({@link org.flowwatch.simulator.truth.GroundTruth}). */
public final class ExpectedFlows {
  private ExpectedFlows() {}

  /**
   * Fails with a short description of how {@code actual} differs from {@code expected} (cells missing, extra, or with
   * other totals, the first few of each) rather than printing thousands of cells.
   */
  public static <V> void assertSameCells(Map<String, V> actual, Map<String, V> expected) {
    List<String> missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).sorted().toList();
    List<String> extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).sorted().toList();
    List<String> different = expected.keySet().stream()
        .filter(k -> actual.containsKey(k) && !actual.get(k).equals(expected.get(k)))
        .sorted().map(k -> k + ": expected " + expected.get(k) + " but was " + actual.get(k)).toList();
    if (!missing.isEmpty() || !extra.isEmpty() || !different.isEmpty()) {
      throw new AssertionError(String.format("%d of %d cells differ: %d missing %s, %d unexpected %s, %d with other totals %s",
          missing.size() + extra.size() + different.size(), expected.size(), missing.size(), first(missing),
          extra.size(), first(extra), different.size(), first(different)));
    }
  }

  /** The point-level cells among indexed flow documents (by id), as totals to compare with the oracle's. */
  public static Map<String, GroundTruth.Totals> pointCells(Map<String, ObjectNode> documents) {
    Map<String, GroundTruth.Totals> cells = new HashMap<>();
    documents.forEach((id, doc) -> {
      if (doc.get("level").asText().equals("POINT")) {
        cells.put(id, new GroundTruth.Totals(doc.get("travellers").asLong(), doc.get("men").asLong(), doc.get("women").asLong(),
            doc.get("boys").asLong(), doc.get("girls").asLong(), doc.get("observations").asLong()));
      }
    });
    return cells;
  }

  private static List<String> first(List<String> values) {
    return values.subList(0, Math.min(5, values.size()));
  }
}
