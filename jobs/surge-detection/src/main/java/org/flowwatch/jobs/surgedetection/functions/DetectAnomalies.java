package org.flowwatch.jobs.surgedetection.functions;

import java.util.ArrayList;
import java.util.Iterator;
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
 * time). The detection and lifecycle rules live in {@link SeriesMonitor}; this class only holds state and timers.
 * A series with no data in its whole history and no episode left is forgotten, with its timers.
 */
public final class DetectAnomalies extends KeyedProcessFunction<String, SeriesUpdate, SurgeAlert> {
  private static final long HOUR = 3_600_000L;

  private final MonitorSettings settings;
  private transient SeriesMonitor monitor;
  private transient ValueState<SeriesState> seriesState;
  private transient MapState<String, Long> memberCounts;
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
    memberCounts = getRuntimeContext().getMapState(new MapStateDescriptor<>("member-counts", Types.STRING, Types.LONG));
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
    String memberKey = update.hour + "|" + update.member;
    Long previous = memberCounts.get(memberKey);
    long delta = update.travellers - (previous == null ? 0 : previous);
    if (!state.history.holds(update.hour)) {
      tooLate.inc(); // older than any evaluation that could still change
      return;
    }
    memberCounts.put(memberKey, update.travellers);
    List<Long> affected = monitor.record(state, update.hour, delta);
    String key = context.getCurrentKey();
    for (long endHour : affected) {
      lateReevaluations.inc();
      evaluate(state, key, endHour, out);
    }
    emit(monitor.arrived(state, key, context.timerService().currentProcessingTime()), out);
    if (update.hour + 1 > state.evaluatedUntilHour) {
      context.timerService().registerEventTimeTimer((update.hour + 1) * HOUR - 1);
    }
    Long silence = silenceTimer.value();
    if (silence != null) {
      context.timerService().deleteProcessingTimeTimer(silence);
    }
    long next = context.timerService().currentProcessingTime() + settings.silenceAfterMillis();
    context.timerService().registerProcessingTimeTimer(next);
    silenceTimer.update(next);
    seriesState.update(state);
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
    if (endHour <= state.evaluatedUntilHour) {
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
    context.timerService().registerEventTimeTimer((endHour + 1) * HOUR - 1);
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
      out.collect(SurgeAlerts.of(episode));
    }
    long suppressed = monitor.suppressed();
    suppressedAlarms.inc(suppressed - suppressedReported);
    suppressedReported = suppressed;
  }

  private void forgetMembersBefore(long hour) throws Exception {
    List<String> old = new ArrayList<>();
    for (Iterator<Map.Entry<String, Long>> it = memberCounts.iterator(); it.hasNext(); ) {
      String memberKey = it.next().getKey();
      if (Long.parseLong(memberKey.substring(0, memberKey.indexOf('|'))) < hour) {
        old.add(memberKey);
      }
    }
    for (String memberKey : old) {
      memberCounts.remove(memberKey);
    }
  }

  private void forget(OnTimerContext context) throws Exception {
    Long silence = silenceTimer.value();
    if (silence != null) {
      context.timerService().deleteProcessingTimeTimer(silence);
    }
    seriesState.clear();
    memberCounts.clear();
    silenceTimer.clear();
    seriesForgotten.inc();
  }
}
