package org.flowwatch.jobs.alertdelivery.routing;

import java.time.Instant;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;

/** Alerts for tests: an open, medium surge on AGADEZ-LIBYA outgoing, to be changed by the test. */
public final class Alerts {
  private Alerts() {}

  public static SurgeAlert.Builder routeSurge() {
    return SurgeAlert.newBuilder()
        .setId("route=AGADEZ-LIBYA|direction=OUTGOING|SURGE|2026-03-02T08:00Z")
        .setSignal(AlertSignal.SURGE)
        .setStatus(AlertStatus.OPEN)
        .setSeverity(AlertSeverity.MEDIUM)
        .setMethod("farrington")
        .setSeriesKey("route=AGADEZ-LIBYA|direction=OUTGOING")
        .setRoute("AGADEZ-LIBYA")
        .setDirection(Direction.OUTGOING)
        .setOpenedAt(Instant.parse("2026-03-02T08:00:00Z"))
        .setUpdatedAt(Instant.parse("2026-03-02T08:00:00Z"))
        .setObserved(120)
        .setExpected(40)
        .setThreshold(70)
        .setRevision(1);
  }
}
