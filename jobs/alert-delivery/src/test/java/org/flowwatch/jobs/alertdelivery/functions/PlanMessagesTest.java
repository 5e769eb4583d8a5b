package org.flowwatch.jobs.alertdelivery.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.digestSubscription;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.routed;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.subscription;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.surge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;
import org.junit.jupiter.api.Test;

class PlanMessagesTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private static KeyedOneInputStreamOperatorTestHarness<String, AlertMessage, AlertMessage> harness(int ratePerHour)
      throws Exception {
    DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(30), ratePerHour, Duration.ofHours(1), Duration.ofHours(24),
        Duration.ofSeconds(30), Duration.ofHours(1));
    KeyedOneInputStreamOperatorTestHarness<String, AlertMessage, AlertMessage> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PlanMessages(policy)),
            message -> message.getSubscription().getId(), Types.STRING);
    harness.open();
    return harness;
  }

  private static List<AlertMessage> output(KeyedOneInputStreamOperatorTestHarness<String, AlertMessage, AlertMessage> h) {
    return h.extractOutputValues();
  }

  @Test
  void shouldGroupTheChangesThatArriveWithinTheWaitIntoOneMessage() throws Exception {
    Subscription subscription = subscription("ocha", "http://127.0.0.1:1/hook");
    try (var harness = harness(20)) {
      harness.setProcessingTime(0);
      harness.processElement(routed(subscription, surge("a", 1, false), Instant.EPOCH), 0);
      harness.setProcessingTime(10_000);
      harness.processElement(routed(subscription, surge("b", 1, false), Instant.EPOCH), 0);
      harness.setProcessingTime(29_999);
      assertThat(output(harness)).isEmpty();

      harness.setProcessingTime(30_000);

      assertThat(output(harness)).singleElement().satisfies(message -> {
        assertThat(message.getKind()).isEqualTo(MessageKind.IMMEDIATE);
        assertThat(message.getChanges()).extracting(c -> c.getAlert().getId()).containsExactly("a", "b");
        assertThat(message.getId()).isEqualTo(MessageIds.of("ocha", List.of(
            new MessageIds.AlertRevision("b", 1), new MessageIds.AlertRevision("a", 1))));
      });
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void shouldHoldWhatExceedsTheRateLimitForTheNextMessageAndDropNothing() throws Exception {
    Subscription subscription = subscription("unhcr", "http://127.0.0.1:1/hook");
    try (var harness = harness(2)) {
      for (int i = 0; i < 5; i++) {
        harness.setProcessingTime(i * 60_000L);
        harness.processElement(routed(subscription, surge("alert-" + i, 1, false), Instant.EPOCH), 0);
        harness.setProcessingTime(i * 60_000L + 30_000);
      }
      assertThat(output(harness)).hasSize(2);

      harness.setProcessingTime(HOUR - 1);
      assertThat(output(harness)).hasSize(2);
      harness.setProcessingTime(30_000 + HOUR);

      List<AlertMessage> messages = output(harness);
      assertThat(messages).hasSize(3);
      assertThat(messages.get(2).getChanges()).extracting(c -> c.getAlert().getId())
          .containsExactly("alert-2", "alert-3", "alert-4");
      assertThat(messages.stream().mapToInt(m -> m.getChanges().size()).sum()).isEqualTo(5);
    }
  }

  @Test
  void shouldSendTheDigestAtTheSubscriptionsLocalTimeWithEverythingSinceTheLast() throws Exception {
    Subscription subscription = digestSubscription("committee", "07:00", "+01:00");
    Instant tenUtc = Instant.parse("2026-11-30T10:00:00Z");
    try (var harness = harness(20)) {
      harness.setProcessingTime(tenUtc.toEpochMilli());
      harness.processElement(routed(subscription, surge("a", 1, false), tenUtc), 0);
      harness.processElement(routed(subscription, surge("a", 2, false), tenUtc), 0);
      harness.setProcessingTime(tenUtc.plus(Duration.ofHours(12)).toEpochMilli());
      harness.processElement(routed(subscription, surge("a", 3, true), tenUtc), 0);
      harness.setProcessingTime(Instant.parse("2026-12-01T05:59:59Z").toEpochMilli());
      assertThat(output(harness)).isEmpty();

      harness.setProcessingTime(Instant.parse("2026-12-01T06:00:00Z").toEpochMilli());

      assertThat(output(harness)).singleElement().satisfies(message -> {
        assertThat(message.getKind()).isEqualTo(MessageKind.DIGEST);
        assertThat(message.getChanges()).extracting(c -> c.getAlert().getRevision()).containsExactly(1, 2, 3);
      });
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }
}
