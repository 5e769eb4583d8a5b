package org.flowwatch.jobs.common.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Indexes pipeline outputs into Elasticsearch with bulk requests, built on Flink's async sink (Sink V2) because no
 * Elasticsearch connector exists for Flink 2.x.
 *
 * <ul>
 *   <li>Documents carry deterministic ids, so a replay or a restart overwrites rather than duplicates: at-least-once
 *       delivery gives an exactly-once effect.
 *   <li>On checkpoint the writer waits for in-flight bulks and stores what is still buffered.
 *   <li>Failed bulks and rejected items (429, 5xx) are retried with exponential backoff while holding their in-flight
 *       slot, so an unreachable server slows the job (backpressure) and loses nothing. Item errors that retrying cannot
 *       fix (a mapping conflict) fail the job loudly.
 * </ul>
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, IndexRequestEntry> {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final RetryBackoff backoff;

  ElasticsearchSink(String url, DocumentConverter<T> converter, ElasticsearchSinkBuilder.Limits limits, RetryBackoff backoff) {
    super(elementConverter(converter), limits.maxBatchSize(), limits.maxInFlightRequests(), limits.maxBufferedRequests(),
        limits.maxBatchSizeInBytes(), limits.maxTimeInBuffer().toMillis(), limits.maxRecordSizeInBytes());
    this.url = url;
    this.backoff = backoff;
  }

  public static <T> ElasticsearchSinkBuilder<T> builder(String url, DocumentConverter<T> converter) {
    return new ElasticsearchSinkBuilder<>(url, converter);
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<IndexRequestEntry>> createWriter(WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, BufferedRequestState<IndexRequestEntry>> restoreWriter(WriterInitContext context,
      Collection<BufferedRequestState<IndexRequestEntry>> recoveredState) {
    return new ElasticsearchSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, url, backoff);
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

  private static <T> ElementConverter<T, IndexRequestEntry> elementConverter(DocumentConverter<T> converter) {
    return (element, context) -> converter.toDocument(element);
  }
}
