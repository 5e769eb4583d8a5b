package org.flowwatch.detectors.alerts;

/**
 * The state of one alert episode of one series and signal, and what an alert reports. A plain mutable class with
 * public fields and a no-argument constructor so that Flink keeps it in state with its POJO serializer.
 */
public class Episode {
  /** Stable id: signal, series key and the time the episode opened. */
  public String id;
  public String seriesKey;
  public Signal signal;
  public Status status;
  public Severity severity;
  public String method;
  /** End of the period in which the episode opened (epoch millis). */
  public long openedAt;
  /** End of the latest period evaluated. */
  public long updatedAt;
  /** When the series first came back within the hysteresis band, -1 while it is not. */
  public long calmSince = -1;
  /** When the episode resolved, -1 while it has not. */
  public long resolvedAt = -1;
  /** A new episode of the same signal cannot open before this (epoch millis), -1 when not resolved. */
  public long cooldownUntil = -1;
  public double observed;
  public double expected;
  public double threshold;
  public double score;
  /** 1 when opened, incremented at each emitted change. */
  public int revision;

  public Episode() {}

  Episode copy() {
    Episode copy = new Episode();
    copy.id = id;
    copy.seriesKey = seriesKey;
    copy.signal = signal;
    copy.status = status;
    copy.severity = severity;
    copy.method = method;
    copy.openedAt = openedAt;
    copy.updatedAt = updatedAt;
    copy.calmSince = calmSince;
    copy.resolvedAt = resolvedAt;
    copy.cooldownUntil = cooldownUntil;
    copy.observed = observed;
    copy.expected = expected;
    copy.threshold = threshold;
    copy.score = score;
    copy.revision = revision;
    return copy;
  }

  void record(Check check) {
    updatedAt = check.time();
    observed = check.observed();
    expected = check.expected();
    threshold = check.threshold();
    score = check.score();
    method = check.method();
  }

  public boolean isActive() {
    return status == Status.OPEN || status == Status.ESCALATED;
  }

  @Override
  public String toString() {
    return id + " " + status + " " + severity + " rev " + revision;
  }
}
