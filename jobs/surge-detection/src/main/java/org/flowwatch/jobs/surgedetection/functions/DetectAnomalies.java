package org.flowwatch.jobs.surgedetection.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.detectors.alerts.Episode;
import org.flowwatch.detectors.alerts.MonitorSettings;
import org.flowwatch.detectors.alerts.SeriesMonitor;
import org.flowwatch.detectors.alerts.SeriesState;
import org.flowwatch.detectors.alerts.Severity;
import org.flowwatch.jobs.surgedetection.sinks.SurgeAlerts;
import org.flowwatch.schema.SurgeAlert;

/**
 * Keyed by series: keeps its hourly history and alert episodes, evaluates the trailing 24 hours when each hour
 * closes in event time (an event-time timer per hour, so quiet hours count as zero and a series that stops is still
 * evaluated), re-evaluates what a late update changes, and checks silence in processing time (no data means no event
 * time). Updates for hours not yet evaluated wait in state until their hour closes and are then applied in event-time
 * order: partitions read at different speeds (a replay, a catch-up after downtime) would otherwise push the history
 * ahead and make the older hours look too late. The detection and lifecycle rules live in {@link SeriesMonitor};
 * this class only holds state and timers.
 * A series with no data in its whole history and no episode left is forgotten, with its timers.
 */
public final class DetectAnomalies extends KeyedProcessFunction<String, SeriesUpdate, SurgeAlert> {
  private static final long HOUR = 3_600_000L;

  private final MonitorSettings settings;
  private transient SeriesMonitor monitor;
  private transient ValueState<SeriesState> seriesState;
  /** The fields of this key's series, kept so that they never need to be parsed out of the key. */
  private transient ValueState<SeriesKey> series;
  /** The latest value of each member aggregate of the series, by hour: a revision replaces, not adds. */
  private transient MapState<Long, Map<String, Long>> memberCounts;
  private transient MapState<Long, Map<String, Long>> pending;
  private transient ValueState<Long> silenceTimer;
  private transient Counter evaluations;
  private transient Counter lateReevaluations;
  private transient Counter tooLate;
  private transient Counter alertsEmitted;
  private transient Counter suppressedAlarms;
  private transient Counter seriesForgotten;
  private long suppressedReported;

  public DetectAnomalies(MonitorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    monitor = new SeriesMonitor(settings);
    seriesState = getRuntimeContext().getState(
        new ValueStateDescriptor<>("series", TypeInformation.of(SeriesState.class)));
    series = getRuntimeContext().getState(
        new ValueStateDescriptor<>("series-key", TypeInformation.of(SeriesKey.class)));
    memberCounts = getRuntimeContext().getMapState(new MapStateDescriptor<>("member-counts-by-hour", Types.LONG,
        Types.MAP(Types.STRING, Types.LONG)));
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-hours", Types.LONG,
        Types.MAP(Types.STRING, Types.LONG)));
    silenceTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Types.LONG));
    var metrics = getRuntimeContext().getMetricGroup();
    evaluations = metrics.counter("flowwatchEvaluations");
    lateReevaluations = metrics.counter("flowwatchLateReevaluations");
    tooLate = metrics.counter("flowwatchUpdatesBeyondHistory");
    alertsEmitted = metrics.counter("flowwatchAlertsEmitted");
    suppressedAlarms = metrics.counter("flowwatchSuppressedAlarms");
    seriesForgotten = metrics.counter("flowwatchSeriesForgotten");
  }

  @Override
  public void processElement(SeriesUpdate update, Context context, Collector<SurgeAlert> out) throws Exception {
    SeriesState state = seriesState.value();
    if (state == null) {
      state = new SeriesState(settings.historyDays());
    }
    String key = context.getCurrentKey();
    if (series.value() == null) {
      series.update(update.series);
    }
    if (update.hour < state.evaluatedUntilHour) {
      apply(state, key, update.member, update.hour, update.travellers, out); // late: re-evaluates what it changes
    } else {
      Map<String, Long> members = pending.get(update.hour);
      members = members == null ? new HashMap<>() : members;
      members.put(update.member, update.travellers); // a later revision replaces an earlier one
      pending.put(update.hour, members);
      context.timerService().registerEventTimeTimer((update.hour + 1) * HOUR - 1);
    }
    emit(monitor.arrived(state, key, context.timerService().currentProcessingTime()), out);
    Long silence = silenceTimer.value();
    if (silence != null) {
      context.timerService().deleteProcessingTimeTimer(silence);
    }
    long next = context.timerService().currentProcessingTime() + settings.silenceAfterMillis();
    context.timerService().registerProcessingTimeTimer(next);
    silenceTimer.update(next);
    seriesState.update(state);
  }

  /** Applies an aggregate's value for an hour: the difference to its previous value goes into the history. */
  private void apply(SeriesState state, String key, String member, long hour, long travellers,
      Collector<SurgeAlert> out) throws Exception {
    if (!state.history.holds(hour)) {
      tooLate.inc(); // older than any evaluation that could still change
      return;
    }
    Map<String, Long> members = memberCounts.get(hour);
    members = members == null ? new HashMap<>() : members;
    Long previous = members.put(member, travellers);
    memberCounts.put(hour, members);
    for (long endHour : monitor.record(state, hour, travellers - (previous == null ? 0 : previous))) {
      lateReevaluations.inc();
      evaluate(state, key, endHour, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<SurgeAlert> out) throws Exception {
    SeriesState state = seriesState.value();
    if (state == null) {
      return;
    }
    String key = context.getCurrentKey();
    if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
      emit(monitor.checkSilence(state, key, timestamp), out);
      boolean escalating = state.silence != null && state.silence.isActive() && state.silence.severity != Severity.HIGH;
      if (escalating) {
        long next = timestamp + settings.silenceAfterMillis();
        context.timerService().registerProcessingTimeTimer(next);
        silenceTimer.update(next);
      } else {
        silenceTimer.clear();
      }
      seriesState.update(state);
      return;
    }
    long endHour = (timestamp + 1) / HOUR;
    Map<String, Long> due = pending.get(endHour - 1);
    if (due != null) {
      for (Map.Entry<String, Long> member : due.entrySet()) {
        apply(state, key, member.getKey(), endHour - 1, member.getValue(), out);
      }
      pending.remove(endHour - 1);
    }
    if (endHour <= state.evaluatedUntilHour) {
      seriesState.update(state);
      return; // an hour already evaluated (a duplicate registration)
    }
    evaluate(state, key, endHour, out);
    if (monitor.isDailyBoundary(endHour)) {
      forgetMembersBefore(endHour - settings.historyDays() * 24L);
    }
    if (state.history.activeDays(endHour, settings.historyDays()) == 0 && state.quiet()) {
      forget(context);
      return;
    }
    // The final watermark of a bounded input (a replay) means no more data, not that time went on: stop there
    // instead of evaluating empty hours forever as a collapse.
    if (context.timerService().currentWatermark() != Long.MAX_VALUE) {
      context.timerService().registerEventTimeTimer((endHour + 1) * HOUR - 1);
    }
    seriesState.update(state);
  }

  private void evaluate(SeriesState state, String key, long endHour, Collector<SurgeAlert> out) {
    monitor.evaluate(state, key, endHour).ifPresent(verdict -> {
      evaluations.inc();
      emit(verdict.emitted(), out);
    });
  }

  private void emit(List<Episode> episodes, Collector<SurgeAlert> out) {
    for (Episode episode : episodes) {
      alertsEmitted.inc();
      out.collect(SurgeAlerts.of(episode, seriesKey()));
    }
    long suppressed = monitor.suppressed();
    suppressedAlarms.inc(suppressed - suppressedReported);
    suppressedReported = suppressed;
  }

  private SeriesKey seriesKey() {
    try {
      return series.value();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the series' key from state", e);
    }
  }

  private void forgetMembersBefore(long hour) throws Exception {
    List<Long> old = new ArrayList<>();
    for (Long memberHour : memberCounts.keys()) {
      if (memberHour < hour) {
        old.add(memberHour);
      }
    }
    for (Long memberHour : old) {
      memberCounts.remove(memberHour);
    }
  }

  private void forget(OnTimerContext context) throws Exception {
    Long silence = silenceTimer.value();
    if (silence != null) {
      context.timerService().deleteProcessingTimeTimer(silence);
    }
    seriesState.clear();
    series.clear();
    memberCounts.clear();
    pending.clear();
    silenceTimer.clear();
    seriesForgotten.inc();
  }
}
