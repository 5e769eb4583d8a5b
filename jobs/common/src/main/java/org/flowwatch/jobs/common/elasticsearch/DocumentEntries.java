package org.flowwatch.jobs.common.elasticsearch;

import java.time.Clock;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The sink's element converter: the document of an element, its revision put in this writer's epoch
 * ({@link WriterEpochs}), or the report of a document above the per-document limit (Flink's async sink would fail the
 * job on it). Each sink subtask has its own instance, opened once per writer, so each writer has its own epoch.
 */
final class DocumentEntries<T> implements ElementConverter<T, IndexRequestEntry> {
  private static final long serialVersionUID = 1L;

  private final DocumentConverter<T> converter;
  private final DeadLetters deadLetters;
  private final long maxRecordSizeInBytes;
  private transient long epoch;

  DocumentEntries(DocumentConverter<T> converter, DeadLetters deadLetters, long maxRecordSizeInBytes) {
    this.converter = converter;
    this.deadLetters = deadLetters;
    this.maxRecordSizeInBytes = maxRecordSizeInBytes;
  }

  @Override
  public void open(WriterInitContext context) {
    epoch = WriterEpochs.next(Clock.systemUTC());
  }

  @Override
  public IndexRequestEntry apply(T element, SinkWriter.Context context) {
    if (epoch == 0) {
      throw new IllegalStateException("the converter of an Elasticsearch sink writer was not opened");
    }
    IndexRequestEntry document = converter.toDocument(element);
    return document.sizeInBytes() <= maxRecordSizeInBytes ? document.inEpoch(epoch)
        : deadLetters.tooLarge(document, maxRecordSizeInBytes);
  }
}
