package org.flowwatch.detectors.alerts;

import org.flowwatch.detectors.HourlyHistory;

/**
 * Everything flowwatch keeps about one monitored series: its hourly history and its episodes, one per signal (null
 * when none is open or cooling down). A POJO for Flink state.
 */
public class SeriesState {
  public HourlyHistory history;
  public Episode surge;
  public Episode collapse;
  public Episode silence;
  /** End (exclusive, epoch hour) of the latest hourly evaluation, -1 before the first. */
  public long evaluatedUntilHour = -1;
  /** Processing time of the latest data, -1 before any. */
  public long lastArrivalMillis = -1;

  public SeriesState() {}

  public SeriesState(int historyDays) {
    this.history = new HourlyHistory(historyDays);
  }

  Episode episode(Signal signal) {
    return switch (signal) {
      case SURGE -> surge;
      case COLLAPSE -> collapse;
      case SILENCE -> silence;
    };
  }

  void episode(Signal signal, Episode episode) {
    switch (signal) {
      case SURGE -> surge = episode;
      case COLLAPSE -> collapse = episode;
      case SILENCE -> silence = episode;
    }
  }

  /** No episode open or cooling down: nothing but history would be lost if the series went away. */
  public boolean quiet() {
    return surge == null && collapse == null && silence == null;
  }
}
