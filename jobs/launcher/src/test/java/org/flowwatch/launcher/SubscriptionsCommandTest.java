package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsCommandTest {
  @TempDir
  Path folder;

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
              - kafka: {topic: '..'}
        """);

    CommandRun run = CommandRun.of("subscriptions", "apply", file.toString(), "--kafka", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly(
        file + " line 7: subscriptions[0].channels[0].webhook.url: must be an http or https URL, was 'ftp://x'",
        file + " line 9: subscriptions[0].channels[1].kafka.topic: must be a Kafka topic name: 1 to 249 of a-z, "
            + "A-Z, 0-9, '.', '_', '-', and not '.' or '..', was '..'");
  }

  @Test
  void aDryRunChecksTheFileWithoutKafka() throws Exception {
    Path file = Files.writeString(folder.resolve("subscriptions.yaml"), """
        subscriptions:
          - id: team-b
            name: Team B
            language: fr
            channels: [{email: {to: [b@example.org]}}]
          - id: team-a
            name: Team A
            language: en
            channels: [{kafka: {topic: partners.a}}]
        """);

    CommandRun run = CommandRun.of("subscriptions", "apply", file.toString(), "--kafka", "127.0.0.1:1", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains(file + ": 2 subscriptions, valid: team-a, team-b")
        .containsPattern("version: [0-9a-f]{64}")
        .contains("--dry-run: nothing written");
  }

  @Test
  void theExampleFileIsValid() {
    CommandRun run = CommandRun.of("subscriptions", "apply",
        Checkout.root().resolve("docs/examples/subscriptions.yaml").toString(), "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
  }
}
