package org.flowwatch.detectors.alerts;

import java.io.Serializable;

/**
 * How alarms become alert episodes.
 *
 * @param resolveAfterMillis an episode resolves once its series has stayed calm this long (0: at the first calm
 *     check)
 * @param cooldownMillis after an episode resolves, no new episode of that signal opens on the series for this long;
 *     alarms in between are suppressed (counted, not sent)
 */
public record AlertPolicy(long resolveAfterMillis, long cooldownMillis) implements Serializable {
  public AlertPolicy {
    if (resolveAfterMillis < 0 || cooldownMillis < 0) {
      throw new IllegalArgumentException("resolve-after and cooldown must not be negative");
    }
  }
}
