package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.schema.delivery.WebhookChannel;

/** Sample alerts, changes and messages for the webhook and CAP tests: one surge episode on a route, and a silent point. */
public final class WebhookFixtures {
  public static final Instant OPENED_AT = Instant.parse("2026-11-30T08:00:00Z");
  public static final Instant PLANNED_AT = Instant.parse("2026-11-30T10:05:12.345Z");
  public static final String ROUTE_ALERT_ID = "route=AGADEZ-LIBYA|nationality=NGA|SURGE|2026-11-30T08:00Z";
  public static final String POINT_ALERT_ID = "point=NE-ARLIT-01|SILENCE|2026-11-30T06:00Z";

  private WebhookFixtures() {}

  /** The route surge at this transition: revision 1 opened, 2 escalated, 3 resolved. */
  public static AlertChange routeSurge(Transition transition) {
    int revision = transition.ordinal() + 1;
    Instant updatedAt = OPENED_AT.plusSeconds(3_600L * (revision - 1));
    SurgeAlert alert = SurgeAlert.newBuilder()
        .setId(ROUTE_ALERT_ID)
        .setSignal(AlertSignal.SURGE)
        .setStatus(switch (transition) {
          case OPENED -> AlertStatus.OPEN;
          case ESCALATED -> AlertStatus.ESCALATED;
          case RESOLVED -> AlertStatus.RESOLVED;
        })
        .setSeverity(transition == Transition.ESCALATED ? AlertSeverity.HIGH : AlertSeverity.MEDIUM)
        .setMethod("ears-c2")
        .setSeriesKey("route=AGADEZ-LIBYA|nationality=NGA")
        .setRoute("AGADEZ-LIBYA")
        .setNationality("NGA")
        .setDirection(Direction.OUTGOING)
        .setOpenedAt(OPENED_AT)
        .setUpdatedAt(updatedAt)
        .setObserved(transition == Transition.RESOLVED ? 190.0 : 412.0)
        .setExpected(180.4)
        .setThreshold(260.75)
        .setScore(4.2)
        .setResolvedAt(transition == Transition.RESOLVED ? updatedAt : null)
        .setRevision(revision)
        .build();
    List<EarlierRevision> earlier = new ArrayList<>();
    for (int r = 1; r < revision; r++) {
      earlier.add(new EarlierRevision(r, OPENED_AT.plusSeconds(3_600L * (r - 1))));
    }
    return AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(transition)
        .setLevel(SeriesLevel.ROUTE_NATIONALITY)
        .setAreaName("AGADEZ-LIBYA")
        .setRegions(List.of("Agadez"))
        .setPoints(List.of("NE-AGADEZ-01", "NE-DIRKOU-01", "NE-MADAMA-01"))
        .setLatitude(19.2)
        .setLongitude(11.9)
        .setRadiusKm(420.0)
        .setEarlier(earlier)
        .build();
  }

  /** A point gone silent, opened, without coordinates, direction or nationality. */
  public static AlertChange silentPoint() {
    SurgeAlert alert = SurgeAlert.newBuilder()
        .setId(POINT_ALERT_ID)
        .setSignal(AlertSignal.SILENCE)
        .setStatus(AlertStatus.OPEN)
        .setSeverity(AlertSeverity.LOW)
        .setMethod("silence")
        .setSeriesKey("point=NE-ARLIT-01")
        .setPointCode("NE-ARLIT-01")
        .setOpenedAt(OPENED_AT.minusSeconds(7_200))
        .setUpdatedAt(OPENED_AT.minusSeconds(7_200))
        .setObserved(0.0)
        .setExpected(35.0)
        .setThreshold(0.0)
        .build();
    return AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(Transition.OPENED)
        .setLevel(SeriesLevel.POINT)
        .build();
  }

  public static Subscription subscription(Language language, List<WebhookChannel> webhooks) {
    return Subscription.newBuilder()
        .setId("oim-niamey")
        .setName("OIM Niamey — DTM")
        .setLanguage(language)
        .setWebhooks(webhooks)
        .setFilters(SubscriptionFilters.newBuilder().build())
        .build();
  }

  public static WebhookChannel webhook(String url, PayloadFormat format, String... secretNames) {
    return new WebhookChannel(url, List.of(secretNames), format);
  }

  /** A message with these changes, its id the idempotency key of its (alert, revision) pairs. */
  public static AlertMessage message(MessageKind kind, Language language, List<AlertChange> changes,
      List<WebhookChannel> webhooks) {
    Subscription subscription = subscription(language, webhooks);
    List<MessageIds.AlertRevision> revisions = changes.stream()
        .map(c -> new MessageIds.AlertRevision(c.getAlert().getId(), c.getAlert().getRevision())).toList();
    return AlertMessage.newBuilder()
        .setId(MessageIds.of(subscription.getId(), revisions))
        .setKind(kind)
        .setSubscription(subscription)
        .setChanges(changes)
        .setPlannedAt(PLANNED_AT)
        .build();
  }

  public static AlertMessage message(MessageKind kind, Language language, AlertChange... changes) {
    return message(kind, language, List.of(changes), List.of());
  }
}
