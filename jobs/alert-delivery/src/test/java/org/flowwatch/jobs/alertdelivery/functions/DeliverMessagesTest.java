package org.flowwatch.jobs.alertdelivery.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.routed;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.subscription;
import static org.flowwatch.jobs.alertdelivery.DeliveryFixtures.surge;
import static org.flowwatch.jobs.alertdelivery.functions.ScriptedSender.gone;
import static org.flowwatch.jobs.alertdelivery.functions.ScriptedSender.ok;
import static org.flowwatch.jobs.alertdelivery.functions.ScriptedSender.refused;
import static org.flowwatch.jobs.alertdelivery.functions.ScriptedSender.serverError;
import static org.flowwatch.jobs.alertdelivery.functions.ScriptedSender.tooManyRequests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.flowwatch.jobs.alertdelivery.DeliveryPolicy;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.DeadLetterDelivery;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.DeliveryOutcome;
import org.flowwatch.schema.delivery.PendingDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class DeliverMessagesTest {
  private static final DeliveryPolicy POLICY = new DeliveryPolicy(Duration.ofSeconds(30), 20, Duration.ofHours(1), Duration.ofHours(24),
      Duration.ofSeconds(30), Duration.ofHours(1));
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private static KeyedOneInputStreamOperatorTestHarness<String, PendingDelivery, DeliveryAttempt> harness(String script)
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DeliverMessages(POLICY, ScriptedSender.factory(script))), DeliverMessages::key,
        Types.STRING);
  }

  private static PendingDelivery webhookDelivery(String alertId) {
    AlertMessage message = routed(subscription("ocha", "http://127.0.0.1:1/hook"), surge(alertId, 1, false),
        Instant.EPOCH);
    return PendingDelivery.newBuilder().setMessage(message).setChannel("webhook-1").setAttempts(0)
        .setFirstAttemptAt(Instant.EPOCH).setNextAttemptAt(Instant.EPOCH).build();
  }

  private static List<DeliveryOutcome> outcomes(KeyedOneInputStreamOperatorTestHarness<String, PendingDelivery, DeliveryAttempt> h) {
    return h.extractOutputValues().stream().map(DeliveryAttempt::getOutcome).toList();
  }

  private static List<DeadLetterDelivery> deadLetters(
      KeyedOneInputStreamOperatorTestHarness<String, PendingDelivery, DeliveryAttempt> harness) {
    var letters = harness.getSideOutput(DeliverMessages.DEAD_LETTERS);
    return letters == null ? List.of() : letters.stream().map(record -> record.getValue()).toList();
  }

  @Test
  void shouldRetryA500WithBackoffUntilTheEndpointRecovers(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(serverError(), serverError(), ok());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.setProcessingTime(0);
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.RETRYING);
      DeliveryAttempt first = harness.extractOutputValues().get(0);
      // Equal jitter: the first retry comes between half and all of the initial backoff.
      assertThat(first.getNextAttemptAt().toEpochMilli()).isBetween(15_000L, 30_001L);

      harness.setProcessingTime(first.getNextAttemptAt().toEpochMilli());
      DeliveryAttempt second = harness.extractOutputValues().get(1);
      assertThat(second.getAttempt()).isEqualTo(2);
      assertThat(second.getNextAttemptAt().toEpochMilli() - first.getNextAttemptAt().toEpochMilli())
          .isBetween(30_000L, 60_001L);
      harness.setProcessingTime(second.getNextAttemptAt().toEpochMilli());

      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING,
          DeliveryOutcome.DELIVERED);
      assertThat(script.sent).hasSize(3).containsOnly(webhookDelivery("a").getMessage().getId());
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void shouldWaitAtLeastTheEndpointsRetryAfter(TestInfo test) throws Exception {
    ScriptedSender.script(test.getDisplayName()).answer(tooManyRequests(Duration.ofHours(2)));
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      assertThat(harness.extractOutputValues().get(0).getNextAttemptAt().toEpochMilli()).isGreaterThanOrEqualTo(2 * HOUR);
    }
  }

  @Test
  void shouldDeadLetterWhatStillFailsAfterTheRetryPeriod(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName());
    for (int i = 0; i < 100; i++) {
      script.answer(serverError());
    }
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      long now = 0;
      while (deadLetters(harness).isEmpty() && now < 30 * HOUR) {
        now += 5 * 60_000;
        harness.setProcessingTime(now);
      }
      assertThat(deadLetters(harness)).singleElement().satisfies(letter -> {
        assertThat(letter.getReason()).contains("gave up").contains("500");
        assertThat(letter.getLastStatusCode()).isEqualTo(500);
      });
      assertThat(now).isGreaterThanOrEqualTo(24 * HOUR);
      assertThat(outcomes(harness)).last().isEqualTo(DeliveryOutcome.DEAD_LETTERED);
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void shouldDisableAGoneEndpointTellItsOwnerAndDeadLetterWhatFollows(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(gone());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      harness.processElement(webhookDelivery("b"), 0);
      harness.setProcessingTime(2);

      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.DISABLED, DeliveryOutcome.DEAD_LETTERED,
          DeliveryOutcome.DEAD_LETTERED);
      assertThat(script.sent).hasSize(1);
      assertThat(script.ownersTold).containsExactly("owner-ocha@example.org webhook-1");
      assertThat(deadLetters(harness)).hasSize(2).allSatisfy(letter -> assertThat(letter.getReason()).contains("410"));
    }
  }

  @Test
  void shouldDeliverAgainOnceTheSubscriptionNamesAnotherUrl(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(gone(), ok());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      PendingDelivery moved = webhookDelivery("b");
      moved.getMessage().getSubscription().getWebhooks().get(0).setUrl("http://127.0.0.1:2/new-hook");
      harness.processElement(moved, 0);
      harness.setProcessingTime(2);

      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.DISABLED, DeliveryOutcome.DEAD_LETTERED,
          DeliveryOutcome.DELIVERED);
      assertThat(script.sent).hasSize(2);
    }
  }

  @Test
  void shouldLogAServersReplyWithoutTheAddressItQuotes(TestInfo test) throws Exception {
    ScriptedSender.script(test.getDisplayName()).answer(new ChannelResult(ChannelResult.Verdict.REFUSED, 550,
        "SMTP 127.0.0.1:25: 550 5.1.1 <protection.team@example.org>: user unknown", null, 3));
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      assertThat(harness.extractOutputValues()).singleElement()
          .satisfies(attempt -> assertThat(attempt.getReason()).contains("550 5.1.1 <<address>>: user unknown")
              .doesNotContain("example.org"));
    }
  }

  @Test
  void shouldDeadLetterEachMessageOnceWhenTheEndpointIsGoneWithSeveralDue(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(gone());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.processElement(webhookDelivery("b"), 0);
      harness.processElement(webhookDelivery("c"), 0);
      for (long now = 1; now <= 5; now++) {
        harness.setProcessingTime(now);
      }

      assertThat(script.sent).hasSize(1);
      assertThat(deadLetters(harness)).hasSize(3)
          .extracting(letter -> letter.getMessage().getId()).doesNotHaveDuplicates();
      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.DISABLED, DeliveryOutcome.DEAD_LETTERED,
          DeliveryOutcome.DEAD_LETTERED, DeliveryOutcome.DEAD_LETTERED);
      assertThat(harness.numKeyedStateEntries()).as("only the disabled URL").isEqualTo(1);
    }
  }

  @Test
  void shouldMakeOneAttemptPerStepAndHoldTheBacklogWhileTheEndpointFails(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(serverError());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.processElement(webhookDelivery("b"), 0);
      harness.processElement(webhookDelivery("c"), 0);
      harness.setProcessingTime(1);
      assertThat(script.sent).as("the first failed: the others wait for its retry").hasSize(1);

      DeliveryAttempt retrying = harness.extractOutputValues().get(0);
      for (long now = retrying.getNextAttemptAt().toEpochMilli(); now < retrying.getNextAttemptAt().toEpochMilli() + 5;
          now++) {
        harness.setProcessingTime(now);
      }

      assertThat(script.sent).as("a again, then b and c, one per step").hasSize(4)
          .containsOnly(webhookDelivery("a").getMessage().getId(), webhookDelivery("b").getMessage().getId(),
              webhookDelivery("c").getMessage().getId());
      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED,
          DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);
    }
  }

  @Test
  void shouldDeadLetterWhatAChannelCannotSendInsteadOfFailingTheJob(TestInfo test) throws Exception {
    ScriptedSender.script(test.getDisplayName()).answer(ScriptedSender.THROWS, ok());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      harness.processElement(webhookDelivery("b"), 0);
      harness.setProcessingTime(2);

      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.DEAD_LETTERED, DeliveryOutcome.DELIVERED);
      assertThat(deadLetters(harness)).singleElement()
          .satisfies(letter -> assertThat(letter.getReason()).contains("IllegalStateException"));
    }
  }

  @Test
  void shouldDeadLetterARefusalAtOnce(TestInfo test) throws Exception {
    ScriptedSender.script(test.getDisplayName()).answer(refused());
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      assertThat(outcomes(harness)).containsExactly(DeliveryOutcome.DEAD_LETTERED);
      assertThat(deadLetters(harness)).singleElement()
          .satisfies(letter -> assertThat(letter.getReason()).contains("refused for good"));
    }
  }

  @Test
  void shouldRetryFromTheCheckpointWithTheSameMessageIdAfterARestart(TestInfo test) throws Exception {
    ScriptedSender.Script script = ScriptedSender.script(test.getDisplayName()).answer(serverError(), ok());
    OperatorSubtaskState snapshot;
    long retryAt;
    try (var harness = harness(test.getDisplayName())) {
      harness.open();
      harness.processElement(webhookDelivery("a"), 0);
      harness.setProcessingTime(1);
      retryAt = harness.extractOutputValues().get(0).getNextAttemptAt().toEpochMilli();
      snapshot = harness.snapshot(1, 2);
    }
    try (var restored = harness(test.getDisplayName())) {
      restored.initializeState(snapshot);
      restored.open();
      restored.setProcessingTime(retryAt);
      assertThat(outcomes(restored)).containsExactly(DeliveryOutcome.DELIVERED);
      assertThat(restored.extractOutputValues().get(0).getAttempt()).isEqualTo(2);
    }
    assertThat(script.sent).hasSize(2).containsOnly(webhookDelivery("a").getMessage().getId());
  }
}
