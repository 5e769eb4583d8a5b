package org.flowwatch.jobs.alertdelivery.routing;

import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.Transition;

/** Which change of its episode an alert revision reports. */
public final class Transitions {
  private Transitions() {}

  /** Resolved whatever its revision (an episode can resolve at its first re-evaluation); else opened at revision 1. */
  public static Transition of(SurgeAlert alert) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      return Transition.RESOLVED;
    }
    return alert.getRevision() == 1 ? Transition.OPENED : Transition.ESCALATED;
  }
}
