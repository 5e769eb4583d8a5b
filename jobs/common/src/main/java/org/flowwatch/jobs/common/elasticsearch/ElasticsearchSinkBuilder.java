package org.flowwatch.jobs.common.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds an {@link ElasticsearchSink}; defaults suit one machine: bulks of up to 1,000 documents or 5 MB, 1 s linger,
 * and one bulk in flight per subtask. One in flight keeps documents without revisions in order: all writes of a
 * document come from the same subtask, a bulk applies its operations in order, and a retried entry goes back to the
 * head of the buffer. Documents with revisions do not depend on it: their external versions keep the newest.
 */
public final class ElasticsearchSinkBuilder<T> {
  /** Batching and buffering limits of the async sink. */
  public record Limits(int maxBatchSize, int maxInFlightRequests, int maxBufferedRequests, long maxBatchSizeInBytes,
      Duration maxTimeInBuffer, long maxRecordSizeInBytes) implements Serializable {}

  private final ElasticsearchConnection connection;
  private final DocumentConverter<T> converter;
  private Limits limits = new Limits(1_000, 1, 10_000, 5L * 1024 * 1024, Duration.ofSeconds(1), 1024L * 1024);
  private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));
  private final String rejectedIndex;

  ElasticsearchSinkBuilder(ElasticsearchConnection connection, DocumentConverter<T> converter, String rejectedIndex) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.converter = Objects.requireNonNull(converter, "converter");
    this.rejectedIndex = Objects.requireNonNull(rejectedIndex, "rejectedIndex");
  }

  public ElasticsearchSinkBuilder<T> maxTimeInBuffer(Duration linger) {
    this.limits = new Limits(limits.maxBatchSize(), limits.maxInFlightRequests(), limits.maxBufferedRequests(),
        limits.maxBatchSizeInBytes(), linger, limits.maxRecordSizeInBytes());
    return this;
  }

  public ElasticsearchSink<T> build() {
    return new ElasticsearchSink<>(connection, converter, limits, backoff, new DeadLetters(rejectedIndex));
  }
}
