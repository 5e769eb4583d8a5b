package org.flowwatch.jobs.alertdelivery.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.delivery.Transition;
import org.junit.jupiter.api.Test;

class TransitionsTest {
  @Test
  void theFirstRevisionOpens() {
    assertThat(Transitions.of(Alerts.routeSurge().setRevision(1).build())).isEqualTo(Transition.OPENED);
  }

  @Test
  void aLaterOpenRevisionEscalates() {
    assertThat(Transitions.of(Alerts.routeSurge().setRevision(2).build())).isEqualTo(Transition.ESCALATED);
    assertThat(Transitions.of(Alerts.routeSurge().setRevision(3).setStatus(AlertStatus.ESCALATED).build()))
        .isEqualTo(Transition.ESCALATED);
  }

  @Test
  void aResolvedRevisionResolvesWhateverItsNumber() {
    assertThat(Transitions.of(Alerts.routeSurge().setRevision(2).setStatus(AlertStatus.RESOLVED).build()))
        .isEqualTo(Transition.RESOLVED);
    assertThat(Transitions.of(Alerts.routeSurge().setRevision(1).setStatus(AlertStatus.RESOLVED).build()))
        .isEqualTo(Transition.RESOLVED);
  }
}
