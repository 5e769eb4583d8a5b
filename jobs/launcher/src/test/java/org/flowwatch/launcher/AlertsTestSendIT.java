package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.RealWebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./flowwatch alerts test-send} against a real webhook receiver that verifies Standard Webhooks signatures
 * independently (Python, infra/webhook-receiver) and a real SMTP server on a loopback socket (GreenMail), the signing
 * secret given to the command as the job gets it: through its secrets file.
 */
class AlertsTestSendIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK_PATH = "/hooks/team-a";

  @TempDir
  Path folder;

  @Test
  void aTestAlertReachesEveryChannelMarkedAsATest() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try (RealWebhookReceiver receiver = RealWebhookReceiver.start()) {
      smtp.start();
      String secret = RealWebhookReceiver.newSecret();
      receiver.secrets(HOOK_PATH, List.of(secret));
      Path secrets = Files.writeString(folder.resolve("secrets"), "hook-team-a=" + secret + "\n",
          StandardCharsets.UTF_8);
      Path subscriptions = Files.writeString(folder.resolve("subscriptions.yaml"), """
          subscriptions:
            - id: team-a
              name: Team A
              language: en
              channels:
                - webhook:
                    url: %s?token=not-for-the-terminal
                    secrets: [hook-team-a]
                - email: {to: [ops@flowwatch.test]}
              filters: {routes: [AGADEZ-ALGERIA]}
            - id: team-b
              name: Team B
              language: fr
              channels: [{email: {to: [b@flowwatch.test]}}]
          """.formatted(receiver.url(HOOK_PATH)));

      CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", subscriptions.toString(),
          "--subscription", "team-a", "--smtp.host", "127.0.0.1", "--smtp.port",
          String.valueOf(smtp.getSmtp().getPort()), "--secrets.file", secrets.toString(), "--webhook.timeout", "5 s");

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out().lines()).hasSize(4);
      assertThat(run.out().lines().toList().get(0))
          .matches("Test alert test-[0-9a-f-]{36} \\(message msg_[0-9a-f]{32}\\) to subscription team-a \\(Team A\\), "
              + "2 channels:");
      assertThat(run.out()).containsPattern("(?m)^webhook-1 " + java.util.regex.Pattern.quote(receiver.url(HOOK_PATH))
              + ": delivered \\(HTTP 204\\) in \\d+ ms$")
          .containsPattern("(?m)^email-1 ops@flowwatch.test: delivered \\(SMTP 250\\) in \\d+ ms$")
          .contains("flowwatch alerts test-send: every channel delivered the test alert")
          .doesNotContain(secret).doesNotContain("not-for-the-terminal");
      assertThat(run.err()).doesNotContain(secret);

      List<RealWebhookReceiver.Received> requests = receiver.received(HOOK_PATH);
      assertThat(requests).hasSize(1);
      RealWebhookReceiver.Received request = requests.get(0);
      assertThat(request.verified()).as(request.whyNotVerified()).isTrue();
      JsonNode data = JSON.readTree(request.body()).get("data");
      assertThat(data.get("test").asBoolean()).isTrue();
      assertThat(data.get("kind").asText()).isEqualTo("TEST");
      assertThat(data.get("subscription").get("id").asText()).isEqualTo("team-a");
      assertThat(request.webhookId()).isEqualTo(data.get("message_id").asText());
      assertThat(run.out()).contains("(message " + request.webhookId() + ")");

      MimeMessage[] emails = smtp.getReceivedMessages();
      assertThat(emails).hasSize(1);
      assertThat(emails[0].getHeader("X-Flowwatch-Test")).containsExactly("true");
      assertThat(emails[0].getAllRecipients()).extracting(Object::toString).containsExactly("ops@flowwatch.test");
      assertThat(emails[0].getSubject()).startsWith("[TEST]");
    } finally {
      smtp.stop();
    }
  }
}
