package org.flowwatch.detectors.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a series' checks into alert episodes: one alert per episode, not one per alarm. An alarm opens an episode;
 * a more severe alarm escalates it (a less severe one only updates it); it resolves after the series has stayed calm
 * (within the hysteresis band) for the policy's time; then a cooldown keeps a flapping series from opening a new
 * episode at once. Only opening, escalation and resolution are emitted, each as the whole episode with a higher
 * revision, so a subscriber or an index holding the latest revision always has the full story.
 */
public final class AlertLifecycle {
  private final AlertPolicy policy;

  public AlertLifecycle(AlertPolicy policy) {
    this.policy = policy;
  }

  /**
   * @param state the series' episode for the check's signal: active, resolved (in cooldown) or absent
   * @param emitted the episode to publish, when the check changed its status or severity
   * @param suppressed an alarm fell into the cooldown and was dropped
   */
  public record Outcome(Optional<Episode> state, Optional<Episode> emitted, boolean suppressed) {}

  public Outcome apply(String seriesKey, Episode current, Check check) {
    if (current == null || !current.isActive()) {
      return idle(seriesKey, current, check);
    }
    Episode next = current.copy();
    next.record(check);
    if (check.alarm()) {
      next.calmSince = -1;
      if (check.severity().compareTo(current.severity) > 0) {
        next.status = Status.ESCALATED;
        next.severity = check.severity();
        next.revision++;
        return new Outcome(Optional.of(next), Optional.of(next.copy()), false);
      }
      return new Outcome(Optional.of(next), Optional.empty(), false);
    }
    if (!check.calm()) {
      next.calmSince = -1;
      return new Outcome(Optional.of(next), Optional.empty(), false);
    }
    if (next.calmSince < 0) {
      next.calmSince = check.time();
    }
    if (check.time() - next.calmSince >= policy.resolveAfterMillis()) {
      next.status = Status.RESOLVED;
      next.resolvedAt = check.time();
      next.cooldownUntil = check.time() + policy.cooldownMillis();
      next.revision++;
      return new Outcome(Optional.of(next), Optional.of(next.copy()), false);
    }
    return new Outcome(Optional.of(next), Optional.empty(), false);
  }

  private Outcome idle(String seriesKey, Episode resolved, Check check) {
    boolean coolingDown = resolved != null && check.time() < resolved.cooldownUntil;
    if (check.alarm() && coolingDown) {
      return new Outcome(Optional.of(resolved), Optional.empty(), true);
    }
    if (check.alarm()) {
      Episode opened = new Episode();
      opened.id = id(check.signal(), seriesKey, check.time());
      opened.seriesKey = seriesKey;
      opened.signal = check.signal();
      opened.status = Status.OPEN;
      opened.severity = check.severity();
      opened.openedAt = check.time();
      opened.revision = 1;
      opened.record(check);
      return new Outcome(Optional.of(opened), Optional.of(opened.copy()), false);
    }
    // Past the cooldown, a resolved episode is finished: its state goes.
    return new Outcome(coolingDown ? Optional.of(resolved) : Optional.empty(), Optional.empty(), false);
  }

  /** Readable and stable: a replay of the same data gives the same ids, so documents are overwritten, not doubled. */
  public static String id(Signal signal, String seriesKey, long openedAt) {
    return signal.name().toLowerCase() + ":" + seriesKey + ":" + Instant.ofEpochMilli(openedAt);
  }
}
