package org.flowwatch.jobs.alertdelivery.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Idempotency keys. A message about one alert change is {@code msg_} + a digest of (alert id, revision, subscription):
 * the same on every retry, every channel and every restart, so receivers deduplicate on it (Standard Webhooks'
 * {@code webhook-id}). A message that groups several changes digests all of them. Digests keep the key short and free
 * of the characters alert ids contain ({@code |}, {@code =}), so it also serves as an email Message-ID.
 */
public final class MessageIds {
  private MessageIds() {}

  /** The key of a message about these (alert id, revision) changes for this subscription; order does not matter. */
  public static String of(String subscriptionId, List<AlertRevision> changes) {
    List<String> parts = changes.stream().map(c -> c.alertId() + "#" + c.revision()).sorted().toList();
    return "msg_" + digest(subscriptionId + "\n" + String.join("\n", parts));
  }

  public static String of(String subscriptionId, String alertId, int revision) {
    return of(subscriptionId, List.of(new AlertRevision(alertId, revision)));
  }

  /** The RFC 5322 Message-ID of the email that carries message {@code messageId}. */
  public static String emailMessageId(String messageId, String domain) {
    return "<" + messageId + "@" + domain + ">";
  }

  /** The Message-ID of the episode's first message to this subscription: the one every later message replies to. */
  public static String episodeThreadId(String subscriptionId, String alertId, String domain) {
    return emailMessageId(of(subscriptionId, alertId, 1), domain);
  }

  public record AlertRevision(String alertId, int revision) {}

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
