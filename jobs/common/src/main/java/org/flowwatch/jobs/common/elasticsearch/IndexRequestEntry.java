package org.flowwatch.jobs.common.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One document to index: target index, deterministic id and JSON source. Serializable because the async sink keeps
 * unsent entries in checkpointed state.
 *
 * @param externalVersion sent as an external version ({@code version_type=external_gte}) so that an older revision
 *     never overwrites a newer one: the document's revision as its {@link DocumentConverter} made it, then, once
 *     the sink writer has taken the entry, that revision in the writer's epoch ({@link #inEpoch});
 *     {@link #UNVERSIONED} for documents without revisions
 * @param deadLetter whether this entry reports another document Elasticsearch refused (see {@link DeadLetters}); a
 *     dead letter that is itself refused is not dead-lettered again
 */
public record IndexRequestEntry(String index, String id, String sourceJson, long externalVersion, boolean deadLetter)
    implements Serializable {
  public static final long UNVERSIONED = -1;

  public IndexRequestEntry {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceJson, "sourceJson");
    if (externalVersion < UNVERSIONED) {
      throw new IllegalArgumentException("an external version is at least 0, was " + externalVersion);
    }
  }

  /** A document without revisions: a plain index operation, the last write wins. */
  public IndexRequestEntry(String index, String id, String sourceJson) {
    this(index, id, sourceJson, UNVERSIONED, false);
  }

  /** A document whose {@code revision} grows with each update of the same id. */
  public static IndexRequestEntry versioned(String index, String id, String sourceJson, long revision) {
    return new IndexRequestEntry(index, id, sourceJson, revision, false);
  }

  /** This entry as written by a sink writer of {@code epoch} ({@link WriterEpochs}); unversioned entries stay as is. */
  public IndexRequestEntry inEpoch(long epoch) {
    return versioned()
        ? new IndexRequestEntry(index, id, sourceJson, WriterEpochs.externalVersion(epoch, externalVersion), deadLetter)
        : this;
  }

  public boolean versioned() {
    return externalVersion != UNVERSIONED;
  }

  /** Approximate bytes on the wire, for the sink's batch-size limits. */
  public long sizeInBytes() {
    return (long) sourceJson.getBytes(StandardCharsets.UTF_8).length + id.length() + index.length() + 64;
  }
}
