package org.flowwatch.jobs.common.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One document to index: target index, deterministic id and JSON source. Serializable because the async sink keeps
 * unsent entries in checkpointed state.
 */
public record IndexRequestEntry(String index, String id, String sourceJson) implements Serializable {
  public IndexRequestEntry {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceJson, "sourceJson");
  }

  /** Approximate bytes on the wire, for the sink's batch-size limits. */
  public long sizeInBytes() {
    return (long) sourceJson.getBytes(StandardCharsets.UTF_8).length + id.length() + index.length() + 64;
  }
}
