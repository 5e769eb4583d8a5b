package org.flowwatch.jobs.flowaggregation;

import org.flowwatch.testing.CollectingSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.jobs.flowaggregation.sources.InputRecordDeserializer;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.schema.RejectedRecord;
import org.flowwatch.schema.SourceKind;

/** The job's sources and sinks in memory: Kafka values replayed from lists, outputs collected into lists. */
final class InMemoryIo {
  final CollectingSink<FlowAggregate> internal = new CollectingSink<>();
  final CollectingSink<FlowAggregate> published = new CollectingSink<>();
  final CollectingSink<FlowAggregate> aggregatesTopic = new CollectingSink<>();
  final CollectingSink<RejectedRecord> rejected = new CollectingSink<>();
  final CollectingSink<RejectedRecord> rejectedIndex = new CollectingSink<>();
  final CollectingSink<DuplicateRecord> duplicatesIndex = new CollectingSink<>();
  final CollectingSink<MonitoringPoint> pointsIndex = new CollectingSink<>();

  FlowAggregationIo io(RecordRules rules, List<byte[]> observationValues, List<byte[]> crossingValues) {
    return new FlowAggregationIo(
        inputs(new InputRecordDeserializer(SourceKind.FLOW_MONITORING, rules), "observations", observationValues),
        inputs(new InputRecordDeserializer(SourceKind.BORDER_CROSSING, rules), "crossings", crossingValues),
        points(MonitoringPoints.niger()),
        internal, published, aggregatesTopic, rejected, rejectedIndex, duplicatesIndex, pointsIndex);
  }

  static DataGeneratorSource<InputRecord> inputs(InputRecordDeserializer reader, String topic, List<byte[]> values) {
    ArrayList<byte[]> copy = new ArrayList<>(values);
    return new DataGeneratorSource<>(
        index -> reader.read(topic, 0, index, copy.get(index.intValue()), System.currentTimeMillis()),
        copy.size(), RateLimiterStrategy.noOp(), TypeInformation.of(InputRecord.class));
  }

  static DataGeneratorSource<MonitoringPoint> points(List<MonitoringPoint> points) {
    ArrayList<MonitoringPoint> copy = new ArrayList<>(points);
    return new DataGeneratorSource<>(index -> copy.get(index.intValue()), copy.size(), RateLimiterStrategy.noOp(),
        new AvroTypeInfo<>(MonitoringPoint.class));
  }
}
