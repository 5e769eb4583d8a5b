package org.flowwatch.jobs.common.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Indexes pipeline outputs into Elasticsearch with bulk requests, built on Flink's async sink (Sink V2) because no
 * Elasticsearch connector exists for Flink 2.x.
 *
 * <ul>
 *   <li>Documents carry deterministic ids, so a replay or a restart overwrites rather than duplicates: at-least-once
 *       delivery gives an exactly-once effect.
 *   <li>On checkpoint the writer waits for in-flight bulks and stores what is still buffered.
 *   <li>Documents with revisions are written with an external version made of the writer's epoch and the revision
 *       ({@link WriterEpochs}): an older revision never overwrites a newer one, whatever the order of bulks, and what
 *       a restarted job writes overwrites what the failed attempt wrote after the last checkpoint, whatever their
 *       revision numbers; Elasticsearch refusing an older version (409) is success.
 *   <li>Failed bulks and items refused for now (429, 5xx) are retried with exponential backoff while holding their
 *       in-flight slot, so an unreachable server slows the job (backpressure) and loses nothing.
 *   <li>Items refused for good (other 4xx: a mapping conflict, a malformed document) and documents larger than the
 *       sink's per-document limit are reported on the rejected path ({@link DeadLetters}) and counted; the job goes on.
 * </ul>
 *
 * <p>See docs/operations/elasticsearch-sink.md.
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, IndexRequestEntry> {
  private static final long serialVersionUID = 1L;

  private final ElasticsearchConnection connection;
  private final RetryBackoff backoff;
  private final DeadLetters deadLetters;

  ElasticsearchSink(ElasticsearchConnection connection, DocumentConverter<T> converter, ElasticsearchSinkBuilder.Limits limits, RetryBackoff backoff,
      DeadLetters deadLetters) {
    super(new DocumentEntries<>(converter, deadLetters, limits.maxRecordSizeInBytes()), limits.maxBatchSize(),
        limits.maxInFlightRequests(), limits.maxBufferedRequests(), limits.maxBatchSizeInBytes(),
        limits.maxTimeInBuffer().toMillis(), limits.maxRecordSizeInBytes());
    this.connection = connection;
    this.backoff = backoff;
    this.deadLetters = deadLetters;
  }

  /**
   * @param rejectedIndex base name of the rejected-records indices, where documents Elasticsearch refuses for good are
   *     reported
   */
  public static <T> ElasticsearchSinkBuilder<T> builder(ElasticsearchConnection connection, DocumentConverter<T> converter,
      String rejectedIndex) {
    return new ElasticsearchSinkBuilder<>(connection, converter, rejectedIndex);
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<IndexRequestEntry>> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<IndexRequestEntry>> restoreWriter(WriterInitContext context,
      Collection<BufferedRequestState<IndexRequestEntry>> recoveredState) {
    return new ElasticsearchSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, connection, backoff,
        deadLetters);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<IndexRequestEntry>> getWriterStateSerializer() {
    return new IndexRequestEntrySerializer();
  }

  private org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration writerConfiguration() {
    return org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration.builder()
        .setMaxBatchSize(getMaxBatchSize())
        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
        .setMaxInFlightRequests(getMaxInFlightRequests())
        .setMaxBufferedRequests(getMaxBufferedRequests())
        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
        .build();
  }
}
