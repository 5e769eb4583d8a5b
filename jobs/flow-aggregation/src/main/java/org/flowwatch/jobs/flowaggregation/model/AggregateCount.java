package org.flowwatch.jobs.flowaggregation.model;

import org.flowwatch.schema.FlowAggregate;

/**
 * Every count a {@link FlowAggregate} carries, with its Avro field and its path in the Elasticsearch document: the one
 * list that sums, the disclosure rule's rounding and the documents walk, so that a new count is added in one place.
 */
public enum AggregateCount {
  TRAVELLERS("travellers", "travellers"),
  MEN("men", "men"),
  WOMEN("women", "women"),
  BOYS("boys", "boys"),
  GIRLS("girls", "girls"),
  UNSPECIFIED("unspecified", "unspecified"),
  CHILDREN_UNDER_5("childrenUnder5", "vulnerabilities.children_under_5"),
  ELDERLY("elderly", "vulnerabilities.elderly"),
  WITH_DISABILITY("withDisability", "vulnerabilities.with_disability"),
  PREGNANT_WOMEN("pregnantWomen", "vulnerabilities.pregnant_women"),
  UNACCOMPANIED_CHILDREN("unaccompaniedChildren", "vulnerabilities.unaccompanied_children"),
  /** Input records counted: for border registrations, one per person. */
  OBSERVATIONS("observations", "observations");

  /** The Avro field name. */
  public final String field;
  /** Where the count sits in the Elasticsearch document (dot-separated for nested objects). */
  public final String documentPath;

  AggregateCount(String field, String documentPath) {
    this.field = field;
    this.documentPath = documentPath;
  }

  public long of(FlowAggregate aggregate) {
    return (Long) aggregate.get(field);
  }

  public void set(FlowAggregate aggregate, long value) {
    aggregate.put(field, value);
  }
}
