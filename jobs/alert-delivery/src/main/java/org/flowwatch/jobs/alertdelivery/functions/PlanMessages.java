package org.flowwatch.jobs.alertdelivery.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.planning.DigestClock;
import org.flowwatch.jobs.alertdelivery.planning.RateLimit;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;

/**
 * Per subscription, turns the alert changes routed to it into messages: changes arriving within the grouping wait
 * of the first go in one message; a message that would exceed the hourly rate limit waits (with whatever arrives
 * meanwhile) until the limit allows it, so nothing is dropped; a subscription in digest mode gets one message at its
 * local time with everything since the last. Processing time: these are promises to people, in wall-clock time.
 * The input is one message per change (from {@link RouteAlerts}); all state is checkpointed, so a restart neither
 * loses a waiting change nor sends it twice.
 */
public final class PlanMessages extends KeyedProcessFunction<String, AlertMessage, AlertMessage> {
  private static final long serialVersionUID = 1L;

  private final DeliveryPolicy policy;
  private transient ValueState<Subscription> subscription;
  private transient ListState<AlertChange> waiting;
  private transient ValueState<Long> flushAt;
  private transient ListState<Long> sentTimes;
  private transient ListState<AlertChange> digest;
  private transient ValueState<Long> digestAt;

  public PlanMessages(DeliveryPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void open(OpenContext openContext) {
    AvroTypeInfo<AlertChange> change = new AvroTypeInfo<>(AlertChange.class);
    subscription = getRuntimeContext().getState(new ValueStateDescriptor<>("subscription",
        new AvroTypeInfo<>(Subscription.class)));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", change));
    flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
    sentTimes = getRuntimeContext().getListState(new ListStateDescriptor<>("sent-times", Types.LONG));
    digest = getRuntimeContext().getListState(new ListStateDescriptor<>("digest", change));
    digestAt = getRuntimeContext().getState(new ValueStateDescriptor<>("digest-at", Types.LONG));
  }

  @Override
  public void processElement(AlertMessage routed, Context context, Collector<AlertMessage> out) throws Exception {
    Subscription current = routed.getSubscription();
    subscription.update(current);
    long now = context.timerService().currentProcessingTime();
    if (current.getDigest() != null && DigestClock.valid(current.getDigest())) {
      digest.addAll(routed.getChanges());
      if (digestAt.value() == null) {
        long due = DigestClock.next(java.time.Instant.ofEpochMilli(now), current.getDigest()).toEpochMilli();
        digestAt.update(due);
        context.timerService().registerProcessingTimeTimer(due);
      }
    } else {
      waiting.addAll(routed.getChanges());
      if (flushAt.value() == null) {
        long due = now + policy.groupWait().toMillis();
        flushAt.update(due);
        context.timerService().registerProcessingTimeTimer(due);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<AlertMessage> out) throws Exception {
    long now = context.timerService().currentProcessingTime();
    Long flush = flushAt.value();
    if (flush != null && flush <= timestamp) {
      flushWaiting(now, context, out);
    }
    Long due = digestAt.value();
    if (due != null && due <= timestamp) {
      List<AlertChange> changes = list(digest.get());
      if (!changes.isEmpty()) {
        out.collect(message(MessageKind.DIGEST, changes, now));
      }
      digest.clear();
      digestAt.clear();
    }
  }

  private void flushWaiting(long now, OnTimerContext context, Collector<AlertMessage> out) throws Exception {
    RateLimit limit = new RateLimit(policy.rateLimit(), policy.rateLimitPeriod());
    List<Long> recent = limit.recent(list(sentTimes.get()), now);
    if (!limit.allows(recent, now)) {
      long next = limit.nextAllowedAt(recent, now);
      flushAt.update(next);
      context.timerService().registerProcessingTimeTimer(next);
      return;
    }
    List<AlertChange> changes = list(waiting.get());
    if (!changes.isEmpty()) {
      out.collect(message(MessageKind.IMMEDIATE, changes, now));
      List<Long> sent = new ArrayList<>(recent);
      sent.add(now);
      sentTimes.update(sent);
    }
    waiting.clear();
    flushAt.clear();
  }

  private AlertMessage message(MessageKind kind, List<AlertChange> changes, long now) throws Exception {
    Subscription current = subscription.value();
    List<MessageIds.AlertRevision> revisions = changes.stream()
        .map(c -> new MessageIds.AlertRevision(c.getAlert().getId(), c.getAlert().getRevision())).toList();
    return AlertMessage.newBuilder()
        .setId(MessageIds.of(current.getId(), revisions))
        .setKind(kind)
        .setSubscription(current)
        .setChanges(changes)
        .setPlannedAt(java.time.Instant.ofEpochMilli(now))
        .build();
  }

  private static <T> List<T> list(Iterable<T> values) {
    List<T> list = new ArrayList<>();
    if (values != null) {
      values.forEach(list::add);
    }
    return list;
  }
}
