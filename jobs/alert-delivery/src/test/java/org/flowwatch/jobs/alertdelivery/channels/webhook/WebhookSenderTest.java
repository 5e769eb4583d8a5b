package org.flowwatch.jobs.alertdelivery.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.silentPoint;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.junit.jupiter.api.Test;

/** Configuration errors, refused before any request is made (the HTTP outcomes are in WebhookSenderIT). */
class WebhookSenderTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final WebhookSettings SETTINGS = new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
      null, null);

  @Test
  void aMissingSecretRefusesTheMessageNamingTheSecret() {
    ChannelResult result = send(Secrets.none(), "http://127.0.0.1:9/hooks", PayloadFormat.JSON, "partner");

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).contains("'partner'");
  }

  @Test
  void aMalformedSecretRefusesTheMessageWithoutShowingIt() {
    ChannelResult result = send(Secrets.of(Map.of("partner", "hunter2-but-longer")), "http://127.0.0.1:9/hooks",
        PayloadFormat.JSON, "partner");

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.reason()).contains("'partner'").doesNotContain("hunter2");
  }

  @Test
  void aUrlThatIsNotHttpIsRefused() {
    ChannelResult result = send(Secrets.of(Map.of("partner", SECRET)), "ftp://example.org/hooks", PayloadFormat.JSON,
        "partner");

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.reason()).contains("http");
  }

  @Test
  void capWithoutACapSenderIsRefused() {
    ChannelResult result = send(Secrets.of(Map.of("partner", SECRET)), "http://127.0.0.1:9/hooks", PayloadFormat.CAP,
        "partner");

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.reason()).contains("CAP sender");
  }

  private static ChannelResult send(Secrets secrets, String url, PayloadFormat format, String secretName) {
    AlertMessage message = message(MessageKind.IMMEDIATE, Language.EN, List.of(silentPoint()),
        List.of(webhook(url, format, secretName)));
    return new WebhookSender(SETTINGS, secrets).send(message, message.getSubscription().getWebhooks().get(0));
  }
}
