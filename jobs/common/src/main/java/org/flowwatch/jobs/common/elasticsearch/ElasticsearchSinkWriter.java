package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends batches of {@link IndexRequestEntry} as bulk requests; see {@link ElasticsearchSink} for the guarantees. */
final class ElasticsearchSinkWriter<T> extends AsyncSinkWriter<T, IndexRequestEntry> {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
  /** Documents refused for good whose report reached the rejected index. */
  static final String DEAD_LETTERED_METRIC = "elasticsearchDocumentsDeadLettered";
  /** Older revisions Elasticsearch refused because it holds a newer one. */
  static final String STALE_REVISIONS_METRIC = "elasticsearchStaleRevisionsSkipped";

  private final String url;
  private final RetryBackoff backoff;
  private final RestClientTransport transport;
  private final ElasticsearchAsyncClient client;
  private final ScheduledExecutorService retryScheduler;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicLong lastBulkLatencyMillis = new AtomicLong();
  private final Counter bulkRequests;
  private final Counter bulkFailures;
  private final Counter documentsRetried;
  private final Counter documentsIndexed;
  private final Counter staleRevisionsSkipped;
  private final Counter documentsDeadLettered;
  private final Counter deadLettersLost;
  private final DeadLetters deadLetters;

  ElasticsearchSinkWriter(ElementConverter<T, IndexRequestEntry> converter, WriterInitContext context,
      AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<IndexRequestEntry>> recovered,
      ElasticsearchConnection connection, RetryBackoff backoff, DeadLetters deadLetters) {
    super(converter, context, configuration, recovered);
    this.url = connection.url();
    this.backoff = backoff;
    this.deadLetters = deadLetters;
    this.transport = ElasticsearchClients.transport(connection);
    this.client = ElasticsearchClients.async(transport);
    this.retryScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "elasticsearch-sink-retry");
      thread.setDaemon(true);
      return thread;
    });
    SinkWriterMetricGroup metrics = context.metricGroup();
    this.bulkRequests = metrics.counter("elasticsearchBulkRequests");
    this.bulkFailures = metrics.counter("elasticsearchBulkFailures");
    this.documentsRetried = metrics.counter("elasticsearchDocumentsRetried");
    this.documentsIndexed = metrics.counter("elasticsearchDocumentsIndexed");
    this.staleRevisionsSkipped = metrics.counter(STALE_REVISIONS_METRIC);
    this.documentsDeadLettered = metrics.counter(DEAD_LETTERED_METRIC);
    this.deadLettersLost = metrics.counter("elasticsearchDeadLettersLost");
    metrics.gauge("elasticsearchBulkLatencyMs", lastBulkLatencyMillis::get);
  }

  @Override
  protected void submitRequestEntries(List<IndexRequestEntry> entries, ResultHandler<IndexRequestEntry> result) {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (IndexRequestEntry entry : entries) {
      bulk.operations(BulkOperation.of(op -> op.index(index -> indexOperation(index, entry))));
    }
    long started = System.nanoTime();
    bulkRequests.inc();
    client.bulk(bulk.build()).whenComplete((response, error) -> {
      lastBulkLatencyMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      if (error != null) {
        bulkFailures.inc();
        retryLater(entries, List.of(), result, "bulk request to " + url + " failed: " + error);
      } else {
        handleResponse(entries, response, result);
      }
    });
  }

  private static IndexOperation.Builder<Object> indexOperation(IndexOperation.Builder<Object> index, IndexRequestEntry entry) {
    BinaryData source = BinaryData.of(entry.sourceJson().getBytes(StandardCharsets.UTF_8), "application/json");
    index.index(entry.index()).id(entry.id()).document(source);
    if (entry.versioned()) {
      // external_gte: the same revision again (a replay) is accepted, an older one is refused with 409.
      index.version(entry.externalVersion()).versionType(VersionType.ExternalGte);
    }
    return index;
  }

  private void handleResponse(List<IndexRequestEntry> entries, BulkResponse response, ResultHandler<IndexRequestEntry> result) {
    List<IndexRequestEntry> retry = new ArrayList<>();
    List<IndexRequestEntry> reports = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      IndexRequestEntry entry = entries.get(i);
      switch (BulkItemOutcome.of(item.status(), item.error() != null)) {
        case WRITTEN -> (entry.deadLetter() ? documentsDeadLettered : documentsIndexed).inc();
        case NEWER_REVISION_KEPT -> staleRevisionsSkipped.inc();
        case RETRY -> retry.add(entry);
        case UNFIXABLE -> unfixable(entry, item).ifPresent(reports::add);
      }
    }
    if (!retry.isEmpty()) {
      bulkFailures.inc();
      retryLater(retry, reports, result, retry.size() + " of " + entries.size() + " documents were refused for now by " + url);
      return;
    }
    consecutiveFailures.set(0);
    if (reports.isEmpty()) {
      result.complete();
    } else {
      // Reports go back into the buffer at once (nothing to wait for: the server just answered), so they are sent
      // with the next bulk and kept in checkpoints meanwhile.
      result.retryForEntries(reports);
    }
  }

  /** The report of a document refused for good; none for a refused report, which is logged and counted as lost. */
  private Optional<IndexRequestEntry> unfixable(IndexRequestEntry entry, BulkResponseItem item) {
    if (entry.deadLetter()) {
      deadLettersLost.inc();
      LOG.error("Elasticsearch at {} refused the report of an unindexable document (index {}, status {}): {}: {}",
          url, item.index(), item.status(), item.error().type(), item.error().reason());
      return Optional.empty();
    }
    IndexRequestEntry report = deadLetters.refused(entry, item.error());
    LOG.warn("Elasticsearch at {} refused document {} of index {} (status {}, {}); reported in {}", url,
        entry.id(), entry.index(), item.status(), item.error().type(), report.index());
    return Optional.of(report);
  }

  // Holding the in-flight slot until the retry is handed back is what turns an unavailable server into backpressure.
  private void retryLater(List<IndexRequestEntry> entries, List<IndexRequestEntry> reports,
      ResultHandler<IndexRequestEntry> result, String why) {
    int attempt = consecutiveFailures.incrementAndGet();
    long delay = backoff.delayBeforeAttempt(attempt).toMillis();
    documentsRetried.inc(entries.size());
    LOG.warn("{}; retrying {} documents in {} ms (attempt {})", why, entries.size(), delay, attempt);
    List<IndexRequestEntry> again = new ArrayList<>(entries);
    again.addAll(reports);
    retryScheduler.schedule(() -> result.retryForEntries(again), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  protected long getSizeInBytes(IndexRequestEntry entry) {
    return entry.sizeInBytes();
  }

  @Override
  public void close() {
    super.close();
    retryScheduler.shutdownNow();
    try {
      transport.close();
    } catch (IOException e) {
      LOG.warn("closing the Elasticsearch client for {} failed", url, e);
    }
  }
}
