package org.flowwatch.jobs.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

  ElasticsearchSinkWriter(ElementConverter<T, IndexRequestEntry> converter, WriterInitContext context,
      AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<IndexRequestEntry>> recovered,
      String url, RetryBackoff backoff) {
    super(converter, context, configuration, recovered);
    this.url = url;
    this.backoff = backoff;
    this.transport = ElasticsearchClients.transport(url);
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
    metrics.gauge("elasticsearchBulkLatencyMs", lastBulkLatencyMillis::get);
  }

  @Override
  protected void submitRequestEntries(List<IndexRequestEntry> entries, ResultHandler<IndexRequestEntry> result) {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (IndexRequestEntry entry : entries) {
      BinaryData source = BinaryData.of(entry.sourceJson().getBytes(StandardCharsets.UTF_8), "application/json");
      bulk.operations(BulkOperation.of(op -> op.index(index -> index.index(entry.index()).id(entry.id()).document(source))));
    }
    long started = System.nanoTime();
    bulkRequests.inc();
    client.bulk(bulk.build()).whenComplete((response, error) -> {
      lastBulkLatencyMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      if (error != null) {
        bulkFailures.inc();
        retryLater(entries, result, "bulk request to " + url + " failed: " + error);
      } else {
        handleResponse(entries, response, result);
      }
    });
  }

  private void handleResponse(List<IndexRequestEntry> entries, BulkResponse response, ResultHandler<IndexRequestEntry> result) {
    if (!response.errors()) {
      consecutiveFailures.set(0);
      documentsIndexed.inc(entries.size());
      result.complete();
      return;
    }
    List<IndexRequestEntry> retry = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      if (item.error() == null) {
        documentsIndexed.inc();
      } else if (item.status() == 429 || item.status() >= 500) {
        retry.add(entries.get(i));
      } else {
        // A mapping conflict or a malformed document will fail the same way on every retry: stop loudly.
        result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch at " + url + " rejected document "
            + item.id() + " of index " + item.index() + " (status " + item.status() + "): " + item.error().type()
            + ": " + item.error().reason()));
        return;
      }
    }
    if (retry.isEmpty()) {
      consecutiveFailures.set(0);
      result.complete();
    } else {
      bulkFailures.inc();
      retryLater(retry, result, retry.size() + " of " + entries.size() + " documents were refused for now by " + url);
    }
  }

  // Holding the in-flight slot until the retry is handed back is what turns an unavailable server into backpressure.
  private void retryLater(List<IndexRequestEntry> entries, ResultHandler<IndexRequestEntry> result, String why) {
    int attempt = consecutiveFailures.incrementAndGet();
    long delay = backoff.delayBeforeAttempt(attempt).toMillis();
    documentsRetried.inc(entries.size());
    LOG.warn("{}; retrying {} documents in {} ms (attempt {})", why, entries.size(), delay, attempt);
    retryScheduler.schedule(() -> result.retryForEntries(entries), delay, TimeUnit.MILLISECONDS);
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
