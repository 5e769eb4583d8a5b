package org.flowwatch.jobs.alertdelivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.DigestSchedule;
import org.flowwatch.schema.delivery.EmailChannel;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.schema.delivery.WebhookChannel;

/** Alerts, subscriptions and messages for the job's tests. */
public final class DeliveryFixtures {
  public static final Instant OPENED = Instant.parse("2026-11-30T08:00:00Z");

  private DeliveryFixtures() {}

  /** A surge on the Agadez-Libya route, outgoing, at {@code revision} (1 opens it; RESOLVED when {@code resolved}). */
  public static SurgeAlert surge(String id, int revision, boolean resolved) {
    Instant updated = OPENED.plus(Duration.ofHours(revision - 1L));
    return SurgeAlert.newBuilder()
        .setId(id)
        .setSignal(AlertSignal.SURGE)
        .setStatus(resolved ? AlertStatus.RESOLVED : revision == 1 ? AlertStatus.OPEN : AlertStatus.ESCALATED)
        .setSeverity(revision == 1 ? AlertSeverity.MEDIUM : AlertSeverity.HIGH)
        .setMethod("farrington")
        .setSeriesKey("route=AGADEZ-LIBYA|direction=OUTGOING")
        .setRoute("AGADEZ-LIBYA")
        .setDirection(Direction.OUTGOING)
        .setOpenedAt(OPENED)
        .setUpdatedAt(updated)
        .setObserved(412)
        .setExpected(180)
        .setThreshold(260)
        .setScore(4.2)
        .setResolvedAt(resolved ? updated : null)
        .setRevision(revision)
        .build();
  }

  public static AlertChange change(SurgeAlert alert) {
    return AlertChange.newBuilder()
        .setAlert(alert)
        .setTransition(alert.getStatus() == AlertStatus.RESOLVED ? Transition.RESOLVED
            : alert.getRevision() == 1 ? Transition.OPENED : Transition.ESCALATED)
        .setLevel(SeriesLevel.ROUTE)
        .setAreaName("AGADEZ-LIBYA")
        .setRegions(List.of("Agadez"))
        .setPoints(List.of("NE-AGZ-01"))
        .setLatitude(16.97)
        .setLongitude(7.99)
        .setRadiusKm(10.0)
        .setEarlier(List.of())
        .build();
  }

  public static Subscription subscription(String id, String webhookUrl) {
    return Subscription.newBuilder()
        .setId(id)
        .setName("Team " + id)
        .setLanguage(Language.FR)
        .setOwner("owner-" + id + "@example.org")
        .setWebhooks(webhookUrl == null ? List.of() : List.of(WebhookChannel.newBuilder().setUrl(webhookUrl)
            .setSecrets(List.of("hook-" + id)).setFormat(PayloadFormat.JSON).build()))
        .setEmails(List.of(EmailChannel.newBuilder().setTo(List.of(id + "@example.org")).build()))
        .setKafkaTopics(List.of())
        .setFilters(SubscriptionFilters.newBuilder().build())
        .setDigest(null)
        .build();
  }

  public static Subscription digestSubscription(String id, String localTime, String timeZone) {
    return Subscription.newBuilder(subscription(id, null))
        .setDigest(DigestSchedule.newBuilder().setLocalTime(localTime).setTimeZone(timeZone).build())
        .build();
  }

  /** What the router emits: one change for one subscription. */
  public static AlertMessage routed(Subscription subscription, SurgeAlert alert, Instant at) {
    return AlertMessage.newBuilder()
        .setId(MessageIds.of(subscription.getId(), alert.getId(), alert.getRevision()))
        .setKind(MessageKind.IMMEDIATE)
        .setSubscription(subscription)
        .setChanges(List.of(change(alert)))
        .setPlannedAt(at)
        .build();
  }
}
