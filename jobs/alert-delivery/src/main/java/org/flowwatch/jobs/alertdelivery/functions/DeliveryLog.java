package org.flowwatch.jobs.alertdelivery.functions;

import java.time.Instant;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.DeliveryOutcome;

/**
 * The delivery log's record of one attempt: who, which channel, which alerts, what happened; never the body, and no
 * email address (a server's reply quoting one is kept without it).
 */
public final class DeliveryLog {
  /** An SMTP server's reply may quote a recipient: the log keeps the reason, not the address. */
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+");

  private DeliveryLog() {}

  /** The reason without any email address it quotes; null stays null. */
  public static String redact(String reason) {
    return reason == null ? null : ADDRESS.matcher(reason).replaceAll("<address>");
  }

  public static DeliveryAttempt attempt(AlertMessage message, ChannelNames channel, int attempt,
      DeliveryOutcome outcome, Integer statusCode, String reason, long latencyMillis, long attemptedAt,
      Long nextAttemptAt) {
    return DeliveryAttempt.newBuilder()
        .setMessageId(message.getId())
        .setSubscriptionId(message.getSubscription().getId())
        .setChannel(channel.toString())
        .setChannelType(channel.type())
        .setKind(message.getKind())
        .setAlertIds(message.getChanges().stream().map(c -> c.getAlert().getId()).toList())
        .setRevisions(message.getChanges().stream().map(AlertChange::getAlert).map(a -> a.getRevision()).toList())
        .setAttempt(attempt)
        .setOutcome(outcome)
        .setStatusCode(statusCode)
        .setReason(redact(reason))
        .setLatencyMillis(latencyMillis)
        .setAttemptedAt(Instant.ofEpochMilli(attemptedAt))
        .setNextAttemptAt(nextAttemptAt == null ? null : Instant.ofEpochMilli(nextAttemptAt))
        .build();
  }
}
