package org.flowwatch.jobs.alertdelivery.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.routeSurge;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.silentPoint;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.flowwatch.jobs.alertdelivery.channels.cap.CapMessages;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.schema.delivery.WebhookChannel;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.RealWebhookReceiver;
import org.flowwatch.testing.RealWebhookReceiver.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP receiver that checks signatures with its own code (Python's hmac). */
class WebhookSenderIT {
  private static final String NEW = RealWebhookReceiver.newSecret();
  private static final String OLD = RealWebhookReceiver.newSecret();
  private static final String WRONG = RealWebhookReceiver.newSecret();
  private static final WebhookSettings SETTINGS = new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
      "https://dash.example.org/alerts/{alertId}", "flowwatch@dtm.example.org");
  private static final WebhookSender SENDER =
      new WebhookSender(SETTINGS, Secrets.of(Map.of("partner-new", NEW, "partner-old", OLD, "wrong", WRONG)));

  private static RealWebhookReceiver receiver;

  @BeforeAll
  static void startTheReceiver() {
    receiver = RealWebhookReceiver.start();
  }

  @AfterAll
  static void stopTheReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aSignedJsonMessageArrivesVerifiedUnderItsId() {
    receiver.secrets("/hooks/json", List.of(NEW));
    AlertMessage message = jsonMessage("/hooks/json", "partner-new");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.DELIVERED);
    assertThat(result.statusCode()).isEqualTo(204);
    Received received = single("/hooks/json");
    assertThat(received.verified()).as(received.whyNotVerified()).isTrue();
    assertThat(received.webhookId()).isEqualTo(message.getId());
    assertThat(received.contentType()).isEqualTo("application/json");
    assertThat(received.userAgent()).isEqualTo("flowwatch");
    assertThat(received.body()).isEqualTo(new String(new WebhookPayloads(SETTINGS.dashboardLinks()).json(message),
        StandardCharsets.UTF_8));
  }

  @Test
  void duringARotationAReceiverKnowingEitherSecretVerifies() {
    receiver.secrets("/hooks/knows-old", List.of(OLD));
    receiver.secrets("/hooks/knows-new", List.of(NEW));

    for (String path : List.of("/hooks/knows-old", "/hooks/knows-new")) {
      AlertMessage message = jsonMessage(path, "partner-new", "partner-old");
      assertThat(SENDER.send(message, channel(message)).verdict()).as(path).isEqualTo(Verdict.DELIVERED);
      assertThat(single(path).verified()).as(path).isTrue();
    }
  }

  @Test
  void aWrongSecretIsRejectedAndRefused() {
    receiver.secrets("/hooks/wrong", List.of(NEW));
    AlertMessage message = jsonMessage("/hooks/wrong", "wrong");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isEqualTo(401);
    assertThat(result.reason()).doesNotContain(WRONG).doesNotContain(NEW);
    assertThat(single("/hooks/wrong").verified()).isFalse();
  }

  @Test
  void aServerErrorIsRetried() {
    receiver.secrets("/hooks/500", List.of(NEW));
    receiver.behaviour("/hooks/500", List.of(500), null);
    AlertMessage message = jsonMessage("/hooks/500", "partner-new");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isEqualTo(500);
    assertThat(result.retryAfter()).isNull();
    assertThat(SENDER.send(message, channel(message)).verdict()).isEqualTo(Verdict.DELIVERED);
  }

  @Test
  void tooManyRequestsIsRetriedNoSoonerThanTheEndpointSays() {
    receiver.secrets("/hooks/429", List.of(NEW));
    receiver.behaviour("/hooks/429", List.of(429), "7");
    AlertMessage message = jsonMessage("/hooks/429", "partner-new");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void goneDisablesTheEndpoint() {
    receiver.secrets("/hooks/410", List.of(NEW));
    receiver.behaviour("/hooks/410", List.of(410), null);
    AlertMessage message = jsonMessage("/hooks/410", "partner-new");

    assertThat(SENDER.send(message, channel(message)).verdict()).isEqualTo(Verdict.GONE);
  }

  @Test
  void capSendsOneVerifiedRequestPerChangeUnderItsOwnId() {
    receiver.secrets("/hooks/cap", List.of(NEW));
    AlertMessage message = capMessage("/hooks/cap");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.DELIVERED);
    List<Received> received = receiver.received("/hooks/cap");
    assertThat(received).hasSize(2).allSatisfy(request -> {
      assertThat(request.verified()).as(request.whyNotVerified()).isTrue();
      assertThat(request.contentType()).isEqualTo(CapMessages.CONTENT_TYPE);
      assertThat(request.body()).contains("urn:oasis:names:tc:emergency:cap:1.2");
    });
    assertThat(received).extracting(Received::webhookId).containsExactly(
        changeId(message, message.getChanges().get(0)), changeId(message, message.getChanges().get(1)));
  }

  @Test
  void capIsDeliveredOnlyWhenEveryChangeWasAccepted() {
    receiver.secrets("/hooks/cap-partial", List.of(NEW));
    receiver.behaviour("/hooks/cap-partial", List.of(204, 503), null);
    AlertMessage message = capMessage("/hooks/cap-partial");

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isEqualTo(503);
    assertThat(result.reason()).startsWith("CAP message 2 of 2");
  }

  @Test
  void aClosedPortIsRetriedWithoutAStatus() {
    String url = "http://127.0.0.1:" + LoopbackPorts.free() + "/hooks/nobody";
    AlertMessage message = message(MessageKind.IMMEDIATE, Language.EN, List.of(silentPoint()),
        List.of(webhook(url, PayloadFormat.JSON, "partner-new")));

    ChannelResult result = SENDER.send(message, channel(message));

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).contains("could not connect");
  }

  private static AlertMessage jsonMessage(String path, String... secretNames) {
    return message(MessageKind.IMMEDIATE, Language.FR, List.of(routeSurge(Transition.OPENED)),
        List.of(webhook(receiver.url(path), PayloadFormat.JSON, secretNames)));
  }

  private static AlertMessage capMessage(String path) {
    return message(MessageKind.IMMEDIATE, Language.EN, List.of(routeSurge(Transition.ESCALATED), silentPoint()),
        List.of(webhook(receiver.url(path), PayloadFormat.CAP, "partner-new")));
  }

  private static WebhookChannel channel(AlertMessage message) {
    return message.getSubscription().getWebhooks().get(0);
  }

  private static String changeId(AlertMessage message, AlertChange change) {
    return MessageIds.of(message.getSubscription().getId(), change.getAlert().getId(), change.getAlert().getRevision());
  }

  private static Received single(String path) {
    List<Received> received = receiver.received(path);
    assertThat(received).hasSize(1);
    return received.get(0);
  }
}
