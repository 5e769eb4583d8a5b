package org.flowwatch.jobs.common.elasticsearch;

import java.io.Serializable;

/** Turns a pipeline output into the Elasticsearch document that represents it. */
@FunctionalInterface
public interface DocumentConverter<T> extends Serializable {
  IndexRequestEntry toDocument(T element);
}
