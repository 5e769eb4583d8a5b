package org.flowwatch.detectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  private static final long HOUR = 3_600_000L;
  private static final String SERIES = "route=CENTRAL|direction=OUTGOING";
  private final AlertLifecycle lifecycle = new AlertLifecycle(new AlertPolicy(3 * HOUR, 24 * HOUR));

  private Episode state;
  private final List<Episode> emitted = new ArrayList<>();
  private int suppressed;

  /** expected 100, threshold 150; calm under 125 (hysteresis 0.5). */
  private void observe(long hour, double observed) {
    Check check = Check.surge(hour * HOUR, "ears-c2", observed, 100, 150, 0, observed > 150, 0.5);
    AlertLifecycle.Outcome outcome = lifecycle.apply(SERIES, state, check);
    state = outcome.state().orElse(null);
    outcome.emitted().ifPresent(emitted::add);
    suppressed += outcome.suppressed() ? 1 : 0;
  }

  @Test
  void oneEpisodeOpensEscalatesAndResolvesAfterStayingCalm() {
    observe(10, 100);
    observe(11, 160); // opens LOW
    observe(12, 170); // still LOW: no new alert
    observe(13, 250); // MEDIUM: escalates
    observe(14, 450); // HIGH: escalates
    observe(15, 200); // lower severity: no alert
    observe(16, 120); // calm since 16
    observe(17, 140); // above the band again: not calm
    observe(18, 110); // calm since 18
    observe(19, 100);
    observe(20, 100);
    observe(21, 100); // calm for 3 hours: resolves

    assertThat(emitted).extracting(e -> e.status).containsExactly(Status.OPEN, Status.ESCALATED, Status.ESCALATED,
        Status.RESOLVED);
    assertThat(emitted).extracting(e -> e.severity).containsExactly(Severity.LOW, Severity.MEDIUM, Severity.HIGH,
        Severity.HIGH);
    assertThat(emitted).extracting(e -> e.revision).containsExactly(1, 2, 3, 4);
    assertThat(emitted).extracting(e -> e.id).containsOnly("surge:" + SERIES + ":1970-01-01T11:00:00Z");
    Episode resolved = emitted.get(3);
    assertThat(resolved.openedAt).isEqualTo(11 * HOUR);
    assertThat(resolved.resolvedAt).isEqualTo(21 * HOUR);
    assertThat(resolved.observed).isEqualTo(100);
  }

  @Test
  void alarmsDuringTheCooldownAreSuppressedAndTheStateEndsAfterIt() {
    observe(1, 200);
    observe(2, 100);
    observe(5, 100); // resolved at 5, cooldown until 29
    observe(6, 300);
    observe(28, 300);
    assertThat(suppressed).isEqualTo(2);
    assertThat(state.status).isEqualTo(Status.RESOLVED);

    observe(29, 100); // cooldown over, calm: the episode is finished and its state goes
    assertThat(state).isNull();

    observe(30, 300); // a new episode
    assertThat(emitted).extracting(e -> e.status).containsExactly(Status.OPEN, Status.RESOLVED, Status.OPEN);
    assertThat(emitted.get(2).id).endsWith("1970-01-02T06:00:00Z");
  }

  @Test
  void collapseAndSilenceRules() {
    Check collapse = Check.collapse(0, "ears-c2", 2, 100, 20, 0.3, 0.6);
    assertThat(collapse.alarm()).isTrue();
    assertThat(collapse.severity()).isEqualTo(Severity.HIGH);
    assertThat(Check.collapse(0, "ears-c2", 50, 100, 20, 0.3, 0.6).calm()).isFalse();
    assertThat(Check.collapse(0, "ears-c2", 0, 10, 20, 0.3, 0.6).alarm()).as("too little expected").isFalse();
    assertThat(Check.silence(0, 5 * HOUR, 2 * HOUR, 0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(Check.silence(0, HOUR, 2 * HOUR, 0).alarm()).isFalse();
  }
}
