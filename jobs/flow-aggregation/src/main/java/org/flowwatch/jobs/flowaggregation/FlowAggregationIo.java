package org.flowwatch.jobs.flowaggregation;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;

/** The job's sources and sinks, passed in so that tests can swap any of them. */
public record FlowAggregationIo(
    Source<InputRecord, ?, ?> observations,
    Source<InputRecord, ?, ?> crossings,
    Source<MonitoringPoint, ?, ?> monitoringPoints,
    Sink<FlowAggregate> internalIndex,
    Sink<FlowAggregate> publishedIndex,
    Sink<FlowAggregate> aggregatesTopic,
    Sink<RejectedRecord> rejectedTopic,
    Sink<RejectedRecord> rejectedIndex,
    Sink<DuplicateRecord> duplicatesIndex,
    Sink<MonitoringPoint> pointsIndex) {}
