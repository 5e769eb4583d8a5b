package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.testing.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts test-send}: what it refuses before sending anything, and a channel that cannot be reached. */
class AlertsTestSendCommandTest {
  private static final String VALID = """
      subscriptions:
        - id: team-a
          name: Team A
          language: en
          channels: [{email: {to: [a@example.org]}}]
        - id: team-b
          name: Team B
          language: fr
          channels: [{email: {to: [b@example.org]}}]
      """;

  @TempDir
  Path folder;

  @Test
  void anUnknownSubscriptionIdExitsWithTwoAndNamesIt() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), VALID);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-c");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no subscription 'team-c' in " + file + "; its subscriptions: team-a, team-b");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anInvalidFileExitsWithTwoAndEveryProblemOnALine() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), """
        subscriptions:
          - id: team-a
            name: Team A
            language: en
            channels:
              - webhook:
                  url: ftp://x
                  secrets: [hook-a]
        """);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly(
        file + " line 7: subscriptions[0].channels[0].webhook.url: must be an http or https URL, was 'ftp://x'");
  }

  @Test
  void aMissingFileExitsWithTwo() {
    Path file = folder.resolve("missing.yaml");

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read " + file + ": no such file");
  }

  @Test
  void anUnknownJobOptionExitsWithTwoAndNamesIt() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), VALID);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-a", "--smtp.hots", "mail.example.org");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("option 'smtp.hots': unknown option");
  }

  @Test
  void aBadJobOptionValueExitsWithTwoAndNamesIt() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), VALID);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-a", "--smtp.tls", "maybe");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("option 'smtp.tls': must be none, starttls or implicit, was 'maybe'");
  }

  @Test
  void aMissingSecretsFileExitsWithTwoAndNamesTheOption() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), VALID);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-a", "--secrets.file", folder.resolve("no-secrets").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("option 'secrets.file': cannot read " + folder.resolve("no-secrets"));
  }

  @Test
  void theSubscriptionOptionsAreRequired() throws Exception {
    CommandRun run = CommandRun.of("alerts", "test-send", "--subscription", "team-a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--subscriptions");
  }

  @Test
  void anSmtpServerThatDoesNotAnswerExitsWithOneAndSaysSo() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), VALID);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-b", "--smtp.port", String.valueOf(LoopbackPorts.free()), "--smtp.timeout", "2 s");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^email-1 b@example.org: retry later \\(.+\\) after \\d+ ms$")
        .contains("1 of 1 channels did not deliver the test alert");
  }

  @Test
  void aKafkaChannelWhoseBrokerDoesNotAnswerIsNotWritten() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), """
        subscriptions:
          - id: team-k
            name: Team K
            language: en
            channels: [{kafka: {topic: partners.k}}]
        """);

    CommandRun run = CommandRun.of("alerts", "test-send", "--subscriptions", file.toString(), "--subscription",
        "team-k", "--kafka", "127.0.0.1:" + LoopbackPorts.free());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^kafka-1 partners.k: not written \\(.+\\)$");
  }

  @Test
  void theTestAlertCannotPassForARealOneAndFollowsTheFilters() {
    Subscription subscription = Subscription.newBuilder().setId("team-a").setName("Team A").setLanguage(Language.EN)
        .setFilters(SubscriptionFilters.newBuilder().setPoints(java.util.List.of("NE-ARL"))
            .setSignals(java.util.List.of(AlertSignal.COLLAPSE)).build())
        .build();

    AlertMessage message = AlertsCommand.testMessage(subscription, Instant.parse("2026-03-02T08:17:00Z"));

    SurgeAlert alert = message.getChanges().get(0).getAlert();
    assertThat(message.getKind()).isEqualTo(MessageKind.TEST);
    assertThat(alert.getId()).matches("test-[0-9a-f-]{36}");
    assertThat(alert.getMethod()).isEqualTo("test");
    assertThat(alert.getPointCode()).isEqualTo("NE-ARL");
    assertThat(alert.getSignal()).isEqualTo(AlertSignal.COLLAPSE);
    assertThat(alert.getObserved()).isLessThan(alert.getExpected());
    assertThat(message.getChanges().get(0).getAreaName()).isEqualTo("Arlit");
    assertThat(message.getId()).isEqualTo(MessageIds.of("team-a", alert.getId(), 1));
  }
}
