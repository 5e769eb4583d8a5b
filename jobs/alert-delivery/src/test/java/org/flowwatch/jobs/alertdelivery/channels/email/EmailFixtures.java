package org.flowwatch.jobs.alertdelivery.channels.email;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds.AlertRevision;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings.TlsMode;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.EmailChannel;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.Transition;

/**
 * Email test data: a surge on the Agadez–Libya route that opens (412 observed vs 180 expected, medium), escalates (640,
 * high) and resolves (150, low), and the subscription of a team in Agadez.
 */
final class EmailFixtures {
  static final String DOMAIN = "flowwatch.test";
  static final String DASHBOARD = "https://dashboards.flowwatch.test/d/alerts?org=1&tab=open";
  static final String RECIPIENT = "veille@partner.test";
  static final String OWNER = "owner@partner.test";
  static final String FROM = "flowwatch <alerts@flowwatch.test>";
  static final Instant OPENED_AT = Instant.parse("2026-11-30T08:00:00Z");
  static final String EPISODE = "route=AGADEZ-LIBYA|direction=OUTGOING|signal=SURGE|opened=2026-11-30T08";

  private EmailFixtures() {}

  static Subscription subscription(Language language) {
    return Subscription.newBuilder()
        .setId("sub-agadez")
        .setName("Équipe veille Agadez")
        .setLanguage(language)
        .setOwner(OWNER)
        .setEmails(List.of(channel()))
        .setFilters(SubscriptionFilters.newBuilder().build())
        .build();
  }

  static EmailChannel channel() {
    return EmailChannel.newBuilder().setTo(List.of(RECIPIENT)).build();
  }

  static AlertChange opened() {
    return change(EPISODE, 1, Transition.OPENED, AlertSeverity.MEDIUM, 412, "Agadez");
  }

  static AlertChange escalated() {
    return change(EPISODE, 2, Transition.ESCALATED, AlertSeverity.HIGH, 640, "Agadez");
  }

  static AlertChange resolved() {
    return change(EPISODE, 3, Transition.RESOLVED, AlertSeverity.LOW, 150, "Agadez");
  }

  /** Revision {@code revision} of alert {@code alertId}, on the route AGADEZ-LIBYA outgoing, 180 expected. */
  static AlertChange change(String alertId, int revision, Transition transition, AlertSeverity severity,
      double observed, String areaName) {
    Instant updatedAt = OPENED_AT.plus(Duration.ofHours(revision - 1));
    SurgeAlert alert = SurgeAlert.newBuilder()
        .setId(alertId)
        .setSignal(AlertSignal.SURGE)
        .setStatus(switch (transition) {
          case OPENED -> AlertStatus.OPEN;
          case ESCALATED -> AlertStatus.ESCALATED;
          case RESOLVED -> AlertStatus.RESOLVED;
        })
        .setSeverity(severity)
        .setMethod("ears-c2")
        .setSeriesKey("route=AGADEZ-LIBYA|direction=OUTGOING")
        .setRoute("AGADEZ-LIBYA")
        .setDirection(Direction.OUTGOING)
        .setOpenedAt(OPENED_AT)
        .setUpdatedAt(updatedAt)
        .setObserved(observed)
        .setExpected(180)
        .setThreshold(260)
        .setResolvedAt(transition == Transition.RESOLVED ? updatedAt : null)
        .setRevision(revision)
        .build();
    List<EarlierRevision> earlier = IntStream.range(1, revision)
        .mapToObj(r -> new EarlierRevision(r, OPENED_AT.plus(Duration.ofHours(r - 1))))
        .toList();
    return AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(transition)
        .setLevel(SeriesLevel.ROUTE)
        .setAreaName(areaName)
        .setRegions(List.of("Agadez", "Tahoua"))
        .setPoints(List.of("AGZ-01", "ARL-02"))
        .setEarlier(earlier)
        .build();
  }

  static AlertMessage message(MessageKind kind, Subscription subscription, AlertChange... changes) {
    List<AlertRevision> revisions = Arrays.stream(changes)
        .map(c -> new AlertRevision(c.getAlert().getId(), c.getAlert().getRevision()))
        .toList();
    return AlertMessage.newBuilder()
        .setId(MessageIds.of(subscription.getId(), revisions))
        .setKind(kind)
        .setSubscription(subscription)
        .setChanges(List.of(changes))
        .setPlannedAt(OPENED_AT.plus(Duration.ofHours(6)))
        .build();
  }

  static SmtpSettings settings(int port, TlsMode tlsMode, String username, String passwordSecret) {
    return new SmtpSettings("127.0.0.1", port, FROM, tlsMode, username, passwordSecret, Duration.ofSeconds(5),
        Duration.ofSeconds(10), DOMAIN, DASHBOARD);
  }
}
