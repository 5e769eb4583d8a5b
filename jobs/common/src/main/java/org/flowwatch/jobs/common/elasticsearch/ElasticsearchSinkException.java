package org.flowwatch.jobs.common.elasticsearch;

/** Elasticsearch refused a document in a way that retrying cannot fix. */
public final class ElasticsearchSinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElasticsearchSinkException(String message) {
    super(message);
  }
}
