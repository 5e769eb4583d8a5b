package org.flowwatch.jobs.alertdelivery.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionMatcher;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsTopic;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.AlertRouting;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionSet;
import org.flowwatch.schema.delivery.SubscriptionUpdate;

/**
 * Routes each alert revision (keyed by alert id) to every subscription whose filters it matches, as one message per
 * (subscription, change). Subscriptions arrive on the broadcast side from the compacted subscriptions topic. Each
 * apply writes a set marker last, in the same transaction: until the job holds every subscription the latest set
 * names, alerts wait in state, so that none is routed against half a set (at start, nothing would reach the
 * subscriptions not read yet). A revision at or below the last one routed for its alert is a replay and is dropped:
 * each change reaches each subscription once. The revisions routed so far travel with each change, so later
 * messages can reference the earlier ones (CAP references, email threads).
 */
public final class RouteAlerts extends KeyedBroadcastProcessFunction<String, SurgeAlert, SubscriptionUpdate, AlertMessage> {
  private static final long serialVersionUID = 1L;
  public static final MapStateDescriptor<String, Subscription> SUBSCRIPTIONS = new MapStateDescriptor<>(
      "subscriptions", Types.STRING, new AvroTypeInfo<>(Subscription.class));
  public static final MapStateDescriptor<String, SubscriptionSet> SET = new MapStateDescriptor<>(
      "subscription-set", Types.STRING, new AvroTypeInfo<>(SubscriptionSet.class));
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RouteAlerts.class);

  private final AlertPlaces places;
  /**
   * Kept for the retention (delivery.routing-retention, 90 days) after the episode's last revision: far beyond any
   * replay of the alerts topic a restart makes, and it bounds the state of a job that runs for years. The retention
   * counts in processing time from each write and is checked with the running job's setting, also on restored state.
   */
  private final ValueStateDescriptor<AlertRouting> routingState;
  private transient ValueState<AlertRouting> routing;
  private transient Counter routedChanges;
  private transient Counter unmatchedChanges;
  private transient Counter replays;
  private transient Counter held;
  private transient boolean warnedHeld;

  public RouteAlerts(AlertPlaces places, java.time.Duration retention) {
    this.places = places;
    this.routingState = new ValueStateDescriptor<>("routing", new AvroTypeInfo<>(AlertRouting.class));
    routingState.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
  }

  @Override
  public void open(OpenContext openContext) {
    routing = getRuntimeContext().getState(routingState);
    routedChanges = getRuntimeContext().getMetricGroup().counter("alertChangesRouted");
    unmatchedChanges = getRuntimeContext().getMetricGroup().counter("alertChangesMatchingNoSubscription");
    replays = getRuntimeContext().getMetricGroup().counter("alertReplaysDropped");
    held = getRuntimeContext().getMetricGroup().counter("alertsHeldForSubscriptionSet");
  }

  @Override
  public void processElement(SurgeAlert alert, ReadOnlyContext context, Collector<AlertMessage> out) throws Exception {
    AlertRouting state = routing.value();
    if (state == null) {
      state = AlertRouting.newBuilder().setRouted(new ArrayList<>()).setWaiting(new ArrayList<>()).build();
    }
    if (alert.getRevision() <= lastRevision(state)) {
      replays.inc();
      return;
    }
    Map<String, Subscription> subscriptions = completeSet(context.getBroadcastState(SUBSCRIPTIONS),
        context.getBroadcastState(SET));
    if (subscriptions == null) {
      held.inc();
      if (!warnedHeld) {
        // Normal for a moment at start; for longer, a subscription of the latest set is missing or unreadable.
        LOG.warn("alerts wait until every subscription of the latest set has been read from the subscriptions topic; "
            + "if this lasts, apply the subscriptions (./flowwatch subscriptions apply) and check the topic");
        warnedHeld = true;
      }
      List<SurgeAlert> waiting = new ArrayList<>(state.getWaiting());
      waiting.add(alert);
      state.setWaiting(waiting);
    } else {
      route(alert, state, subscriptions, context.currentProcessingTime(), out);
    }
    routing.update(state);
  }

  @Override
  public void processBroadcastElement(SubscriptionUpdate update, Context context, Collector<AlertMessage> out)
      throws Exception {
    BroadcastState<String, Subscription> subscriptions = context.getBroadcastState(SUBSCRIPTIONS);
    BroadcastState<String, SubscriptionSet> set = context.getBroadcastState(SET);
    boolean removed = update.getRecord() == null;
    if (SubscriptionsTopic.SET_KEY.equals(update.getKey())) {
      if (!removed && update.getRecord().getSet() != null) {
        set.put(SubscriptionsTopic.SET_KEY, update.getRecord().getSet());
      }
    } else if (removed || update.getRecord().getSubscription() == null) {
      subscriptions.remove(update.getKey());
    } else {
      subscriptions.put(update.getKey(), update.getRecord().getSubscription());
    }
    Map<String, Subscription> complete = completeSet(subscriptions, set);
    if (complete == null) {
      return;
    }
    long now = context.currentProcessingTime();
    context.applyToKeyedState(routingState, (alertId, state) -> {
      AlertRouting waitingFor = state.value();
      if (waitingFor == null || waitingFor.getWaiting().isEmpty()) {
        return;
      }
      List<SurgeAlert> waiting = new ArrayList<>(waitingFor.getWaiting());
      waiting.sort(Comparator.comparingInt(SurgeAlert::getRevision));
      waitingFor.setWaiting(new ArrayList<>());
      for (SurgeAlert alert : waiting) {
        route(alert, waitingFor, complete, now, out);
      }
      state.update(waitingFor);
    });
  }

  private void route(SurgeAlert alert, AlertRouting state, Map<String, Subscription> subscriptions, long now,
      Collector<AlertMessage> out) {
    List<EarlierRevision> earlier = List.copyOf(state.getRouted());
    AlertChange change = places.describe(alert, earlier);
    boolean matched = false;
    for (Subscription subscription : subscriptions.values()) {
      if (SubscriptionMatcher.matches(subscription, change)) {
        matched = true;
        out.collect(AlertMessage.newBuilder()
            .setId(MessageIds.of(subscription.getId(), alert.getId(), alert.getRevision()))
            .setKind(MessageKind.IMMEDIATE)
            .setSubscription(subscription)
            .setChanges(List.of(change))
            .setPlannedAt(java.time.Instant.ofEpochMilli(now))
            .build());
      }
    }
    (matched ? routedChanges : unmatchedChanges).inc();
    List<EarlierRevision> routed = new ArrayList<>(earlier);
    routed.add(EarlierRevision.newBuilder().setRevision(alert.getRevision()).setUpdatedAt(alert.getUpdatedAt()).build());
    state.setRouted(routed);
  }

  private static int lastRevision(AlertRouting state) {
    int last = 0;
    for (EarlierRevision revision : state.getRouted()) {
      last = Math.max(last, revision.getRevision());
    }
    for (SurgeAlert alert : state.getWaiting()) {
      last = Math.max(last, alert.getRevision());
    }
    return last;
  }

  /** The subscriptions by id when every one the latest set names has arrived, else null. */
  private static Map<String, Subscription> completeSet(ReadOnlyBroadcastState<String, Subscription> subscriptions,
      ReadOnlyBroadcastState<String, SubscriptionSet> set) throws Exception {
    SubscriptionSet latest = set.get(SubscriptionsTopic.SET_KEY);
    if (latest == null) {
      return null;
    }
    Map<String, Subscription> byId = new TreeMap<>();
    for (String id : latest.getIds()) {
      Subscription subscription = subscriptions.get(id);
      if (subscription == null) {
        return null;
      }
      byId.put(id, subscription);
    }
    return byId;
  }
}
