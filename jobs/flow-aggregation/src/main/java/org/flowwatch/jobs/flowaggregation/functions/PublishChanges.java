package org.flowwatch.jobs.flowaggregation.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.schema.FlowAggregate;

/**
 * The last step of the published view, keyed by published document: a document is sent only when its (rounded)
 * counts differ from what was last published, and its revision counts published changes. Upstream revisions count
 * every late update, so a published revision number would otherwise tell how many late records (for border
 * registrations, people) joined a cell even when the rounded counts hide it. A document that was never published and
 * counts nobody is not sent. State is kept until the allowed lateness of the document's window has passed.
 */
public final class PublishChanges extends KeyedProcessFunction<String, FlowAggregate, FlowAggregate> {
  private static final long serialVersionUID = 1L;

  private final long allowedLatenessMillis;
  private transient ValueState<FlowAggregate> lastPublished;

  public PublishChanges(long allowedLatenessMillis) {
    this.allowedLatenessMillis = allowedLatenessMillis;
  }

  @Override
  public void open(OpenContext context) {
    lastPublished = getRuntimeContext().getState(new ValueStateDescriptor<>("last-published",
        new AvroTypeInfo<>(FlowAggregate.class)));
  }

  @Override
  public void processElement(FlowAggregate candidate, Context context, Collector<FlowAggregate> out) throws Exception {
    FlowAggregate last = lastPublished.value();
    FlowAggregate counts = withRevision(candidate, 0);
    if (last == null) {
      if (counts.equals(withRevision(Aggregates.emptyLike(candidate), 0))) {
        return;
      }
      context.timerService().registerEventTimeTimer(candidate.getWindowEnd().toEpochMilli() + allowedLatenessMillis);
    } else if (counts.equals(withRevision(last, 0))) {
      return;
    }
    FlowAggregate published = withRevision(candidate, last == null ? 1 : last.getRevision() + 1);
    lastPublished.update(published);
    out.collect(published);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FlowAggregate> out) {
    lastPublished.clear();
  }

  private static FlowAggregate withRevision(FlowAggregate aggregate, int revision) {
    return FlowAggregate.newBuilder(aggregate).setRevision(revision).build();
  }
}
