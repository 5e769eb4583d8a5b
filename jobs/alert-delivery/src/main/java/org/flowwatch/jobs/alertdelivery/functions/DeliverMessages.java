package org.flowwatch.jobs.alertdelivery.functions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelSender;
import org.flowwatch.jobs.alertdelivery.planning.RetrySchedule;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.DeadLetterDelivery;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.DeliveryOutcome;
import org.flowwatch.schema.delivery.PendingDelivery;

/**
 * Delivers messages on one webhook or email channel of one subscription (the key), durably: every message waits in
 * checkpointed state until it is delivered or given up, and each attempt runs on a processing-time timer, so a job
 * restarted mid-retry tries again from its last checkpoint with the same message id (receivers deduplicate on it:
 * delivery is at least once). Every attempt is logged (the main output, indexed as the delivery log). A 429, a 5xx,
 * a timeout or a network error is retried with backoff and jitter for the retry period; then, or at once for any
 * other refusal, the message goes to the dead-letter output with the reason. A 410 Gone disables the channel: its
 * owner is told, and this and every later message to that URL goes to the dead letters; a subscription applied again
 * with another URL for the channel enables it again.
 *
 * <p>Attempts are made on the task thread, one per timer firing, each bounded by the channel's timeout: a slow
 * endpoint delays the other channels of its parallel instance by at most that much per attempt, and checkpoints pass
 * between attempts. Alert traffic is a few messages an hour.
 */
public final class DeliverMessages extends KeyedProcessFunction<String, PendingDelivery, DeliveryAttempt> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterDelivery> DEAD_LETTERS = new OutputTag<>("dead-letters",
      new AvroTypeInfo<>(DeadLetterDelivery.class));

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliverMessages.class);

  private final DeliveryPolicy policy;
  private final ChannelSender.Factory senders;
  private transient MapState<String, PendingDelivery> pending;
  /** The URL that answered 410 Gone: the channel stays disabled until its subscription names another one. */
  private transient ValueState<String> disabledUrl;
  private transient ChannelSender sender;
  private transient RetrySchedule schedule;
  private transient SplittableRandom random;
  private transient Map<ChannelType, ChannelMetrics> metrics;

  public DeliverMessages(DeliveryPolicy policy, ChannelSender.Factory senders) {
    this.policy = policy;
    this.senders = senders;
  }

  /** The key of a delivery's retry state: its subscription and channel. */
  public static String key(PendingDelivery delivery) {
    return delivery.getMessage().getSubscription().getId() + " " + delivery.getChannel();
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.STRING,
        new AvroTypeInfo<>(PendingDelivery.class)));
    disabledUrl = getRuntimeContext().getState(new ValueStateDescriptor<>("disabled-url", Types.STRING));
    sender = senders.create();
    schedule = new RetrySchedule(policy);
    random = new SplittableRandom();
    metrics = new EnumMap<>(ChannelType.class);
    // Kafka channels are a transactional sink, not deliveries of this function.
    for (ChannelType type : List.of(ChannelType.WEBHOOK, ChannelType.EMAIL)) {
      metrics.put(type, new ChannelMetrics(getRuntimeContext().getMetricGroup()
          .addGroup("channel", type.name().toLowerCase(Locale.ROOT))));
    }
  }

  @Override
  public void close() throws Exception {
    if (sender != null) {
      sender.close();
    }
  }

  @Override
  public void processElement(PendingDelivery delivery, Context context, Collector<DeliveryAttempt> out)
      throws Exception {
    if (pending.contains(delivery.getMessage().getId())) {
      return; // The same message planned again (a replay): the one waiting already carries it.
    }
    long now = context.timerService().currentProcessingTime();
    delivery.setFirstAttemptAt(Instant.ofEpochMilli(now));
    delivery.setNextAttemptAt(Instant.ofEpochMilli(now));
    pending.put(delivery.getMessage().getId(), delivery);
    context.timerService().registerProcessingTimeTimer(now);
  }

  /**
   * One attempt per firing, the oldest due first, and a timer for the next one: each attempt is its own step of the
   * task, so checkpoint barriers pass between attempts even when a backlog waits for a slow endpoint. When the attempt
   * fails for now, the other messages due on this channel wait for the same next attempt instead of each waiting for
   * the endpoint's timeout in turn.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<DeliveryAttempt> out) throws Exception {
    long now = context.timerService().currentProcessingTime();
    List<PendingDelivery> due = new ArrayList<>();
    for (PendingDelivery delivery : pending.values()) {
      if (delivery.getNextAttemptAt().toEpochMilli() <= now) {
        due.add(delivery);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort(java.util.Comparator.comparing(PendingDelivery::getNextAttemptAt)
        .thenComparing(d -> d.getMessage().getId()));
    PendingDelivery first = due.get(0);
    attempt(first, context, out);
    PendingDelivery retried = pending.get(first.getMessage().getId());
    for (PendingDelivery other : due.subList(1, due.size())) {
      if (retried != null && pending.contains(other.getMessage().getId())) {
        other.setNextAttemptAt(retried.getNextAttemptAt());
        pending.put(other.getMessage().getId(), other);
      }
    }
    if (retried == null && due.size() > 1) {
      context.timerService().registerProcessingTimeTimer(now + 1);
    }
  }

  private void attempt(PendingDelivery delivery, OnTimerContext context, Collector<DeliveryAttempt> out)
      throws Exception {
    ChannelNames channel = ChannelNames.parse(delivery.getChannel());
    ChannelMetrics channelMetrics = metrics.get(channel.type());
    long startedAt = System.currentTimeMillis();
    if (isDisabled(delivery, channel)) {
      giveUp(delivery, channel, DeliveryOutcome.DEAD_LETTERED, null,
          "the endpoint answered 410 Gone earlier and is disabled", startedAt, 0, context, out);
      return;
    }
    ChannelResult result = send(delivery, channel);
    int attempts = delivery.getAttempts() + 1;
    delivery.setAttempts(attempts);
    delivery.setLastStatusCode(result.statusCode());
    delivery.setLastReason(result.reason());
    channelMetrics.latency.update(result.latencyMillis());
    switch (result.verdict()) {
      case DELIVERED -> {
        pending.remove(delivery.getMessage().getId());
        channelMetrics.delivered.inc();
        out.collect(attempt(delivery, channel, DeliveryOutcome.DELIVERED, result, startedAt, null));
      }
      case RETRY -> {
        long now = context.timerService().currentProcessingTime();
        if (schedule.givesUp(delivery.getFirstAttemptAt().toEpochMilli(), now)) {
          channelMetrics.failed.inc();
          giveUp(delivery, channel, DeliveryOutcome.DEAD_LETTERED, result, "gave up after " + attempts
              + " attempts over " + policy.retryPeriod() + "; last: " + result.reason(), startedAt,
              result.latencyMillis(), context, out);
        } else {
          long next = schedule.nextAttemptAt(now, delivery.getFirstAttemptAt().toEpochMilli(), attempts,
              result.retryAfter(), random);
          delivery.setNextAttemptAt(Instant.ofEpochMilli(next));
          pending.put(delivery.getMessage().getId(), delivery);
          context.timerService().registerProcessingTimeTimer(next);
          channelMetrics.retried.inc();
          out.collect(attempt(delivery, channel, DeliveryOutcome.RETRYING, result, startedAt, next));
        }
      }
      case GONE -> {
        disabledUrl.update(url(delivery, channel));
        channelMetrics.failed.inc();
        out.collect(attempt(delivery, channel, DeliveryOutcome.DISABLED, result, startedAt, null));
        sender.endpointDisabled(delivery.getMessage(), channel, result);
        giveUp(delivery, channel, DeliveryOutcome.DEAD_LETTERED, result, "the endpoint answered 410 Gone: disabled",
            startedAt, 0, context, out);
        List<PendingDelivery> sameEndpoint = new ArrayList<>();
        for (PendingDelivery other : pending.values()) {
          if (isDisabled(other, channel)) {
            sameEndpoint.add(other);
          }
        }
        for (PendingDelivery other : sameEndpoint) {
          giveUp(other, channel, DeliveryOutcome.DEAD_LETTERED, null, "the endpoint answered 410 Gone: disabled",
              startedAt, 0, context, out);
        }
      }
      case REFUSED -> {
        channelMetrics.failed.inc();
        giveUp(delivery, channel, DeliveryOutcome.DEAD_LETTERED, result, "refused for good: " + result.reason(),
            startedAt, result.latencyMillis(), context, out);
      }
    }
  }

  /**
   * One attempt on the channel. A channel that throws (a bug, or data it cannot render) refuses the message: it goes
   * to the dead letters with the reason, rather than failing the job, which would fail again on the same message after
   * every restart and stop every delivery.
   */
  private ChannelResult send(PendingDelivery delivery, ChannelNames channel) {
    long started = System.nanoTime();
    try {
      return sender.send(delivery.getMessage(), channel);
    } catch (RuntimeException e) {
      LOG.error("the {} channel failed on message {} of subscription {}", channel, delivery.getMessage().getId(),
          delivery.getMessage().getSubscription().getId(), e);
      return new ChannelResult(ChannelResult.Verdict.REFUSED, null, "the channel failed: " + e.getClass().getSimpleName(),
          null, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private boolean isDisabled(PendingDelivery delivery, ChannelNames channel) throws Exception {
    String disabled = disabledUrl.value();
    return disabled != null && disabled.equals(url(delivery, channel));
  }

  /** The endpoint a webhook delivery goes to, as its message's subscription names it; null for email. */
  private static String url(PendingDelivery delivery, ChannelNames channel) {
    return channel.type() == ChannelType.WEBHOOK
        ? delivery.getMessage().getSubscription().getWebhooks().get(channel.index()).getUrl() : null;
  }

  private void giveUp(PendingDelivery delivery, ChannelNames channel, DeliveryOutcome outcome, ChannelResult result,
      String reason, long startedAt, long latencyMillis, OnTimerContext context, Collector<DeliveryAttempt> out)
      throws Exception {
    pending.remove(delivery.getMessage().getId());
    metrics.get(channel.type()).deadLettered.inc();
    context.output(DEAD_LETTERS, DeadLetterDelivery.newBuilder()
        .setMessage(delivery.getMessage())
        .setChannel(delivery.getChannel())
        .setReason(reason)
        .setAttempts(delivery.getAttempts())
        .setLastStatusCode(delivery.getLastStatusCode())
        .setDeadLetteredAt(Instant.ofEpochMilli(context.timerService().currentProcessingTime()))
        .build());
    DeliveryAttempt logged = attempt(delivery, channel, outcome, result, startedAt, null);
    logged.setReason(DeliveryLog.redact(reason));
    logged.setLatencyMillis(latencyMillis);
    out.collect(logged);
  }

  private static DeliveryAttempt attempt(PendingDelivery delivery, ChannelNames channel, DeliveryOutcome outcome,
      ChannelResult result, long startedAt, Long nextAttemptAt) {
    return DeliveryLog.attempt(delivery.getMessage(), channel, Math.max(delivery.getAttempts(), 1), outcome,
        result == null ? null : result.statusCode(), result == null ? null : result.reason(),
        result == null ? 0 : result.latencyMillis(), startedAt, nextAttemptAt);
  }

  /** The delivery metrics of one channel type, in the operator's metric group under channel=TYPE. */
  private static final class ChannelMetrics {
    final Counter delivered;
    final Counter retried;
    final Counter failed;
    final Counter deadLettered;
    final Histogram latency;

    ChannelMetrics(MetricGroup group) {
      delivered = group.counter("delivered");
      retried = group.counter("retried");
      failed = group.counter("failed");
      deadLettered = group.counter("deadLettered");
      latency = group.histogram("latencyMillis", new DescriptiveStatisticsHistogram(500));
    }
  }
}
