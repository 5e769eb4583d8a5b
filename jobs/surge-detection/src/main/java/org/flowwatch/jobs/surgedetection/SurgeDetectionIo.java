package org.flowwatch.jobs.surgedetection;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SurgeAlert;

/** The job's source and sinks, passed in so that tests can swap any of them. */
public record SurgeDetectionIo(
    Source<FlowAggregate, ?, ?> aggregates,
    Sink<SurgeAlert> alertsTopic,
    Sink<SurgeAlert> alertsIndex) {}
