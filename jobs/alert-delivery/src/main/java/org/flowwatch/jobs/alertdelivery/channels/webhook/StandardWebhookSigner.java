package org.flowwatch.jobs.alertdelivery.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;

/**
 * Signs webhook requests as the Standard Webhooks specification (standardwebhooks.com) says: HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as {@code v1,<base64 signature>} in the
 * {@code webhook-signature} header. Each secret of the channel signs, the signatures separated by spaces, so that a
 * receiver rotating its secret accepts the request with either the old or the new one.
 *
 * <p>Secrets must have the specification's form, {@code whsec_} followed by the base64 of 24 to 64 random bytes.
 * A raw string is refused rather than used as the key bytes: receivers' libraries decode the part after
 * {@code whsec_} as base64, so a secret in any other form would sign with a key no receiver holds.
 */
public final class StandardWebhookSigner {
  public static final String SECRET_PREFIX = "whsec_";
  public static final String SIGNATURE_VERSION = "v1";
  private static final int SHORTEST_KEY_BYTES = 24;
  private static final int LONGEST_KEY_BYTES = 64;

  private final List<byte[]> keys;

  private StandardWebhookSigner(List<byte[]> keys) {
    this.keys = keys;
  }

  /**
   * A signer with the secrets called {@code secretNames}, in that order.
   *
   * @throws Secrets.MissingSecretException when a secret is missing
   * @throws MalformedSecretException when a secret is not {@code whsec_} + base64 of 24 to 64 bytes
   */
  public static StandardWebhookSigner forSecrets(List<String> secretNames, Secrets secrets) {
    if (secretNames.isEmpty()) {
      throw new IllegalArgumentException("a webhook channel needs at least one signing secret");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String name : secretNames) {
      keys.add(key(name, secrets.get(name)));
    }
    return new StandardWebhookSigner(List.copyOf(keys));
  }

  /** The {@code webhook-signature} header value: one {@code v1,<base64>} per secret, separated by spaces. */
  public String signature(String webhookId, long timestampSeconds, byte[] body) {
    byte[] signed = signedContent(webhookId, timestampSeconds, body);
    List<String> signatures = new ArrayList<>();
    for (byte[] key : keys) {
      signatures.add(SIGNATURE_VERSION + "," + Base64.getEncoder().encodeToString(hmacSha256(key, signed)));
    }
    return String.join(" ", signatures);
  }

  private static byte[] signedContent(String webhookId, long timestampSeconds, byte[] body) {
    byte[] prefix = (webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  private static byte[] key(String name, String secret) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new MalformedSecretException(name, "does not start with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      throw new MalformedSecretException(name, "is not base64 after " + SECRET_PREFIX);
    }
    if (key.length < SHORTEST_KEY_BYTES || key.length > LONGEST_KEY_BYTES) {
      throw new MalformedSecretException(name, "decodes to " + key.length + " bytes, not " + SHORTEST_KEY_BYTES
          + " to " + LONGEST_KEY_BYTES);
    }
    return key;
  }

  private static byte[] hmacSha256(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** A secret not in the specification's form: a configuration error, reported by the secret's name only. */
  public static final class MalformedSecretException extends IllegalArgumentException {
    public MalformedSecretException(String name, String problem) {
      super("secret '" + name + "' " + problem + " (expected " + SECRET_PREFIX + " followed by the base64 of "
          + SHORTEST_KEY_BYTES + " to " + LONGEST_KEY_BYTES + " random bytes)");
    }
  }
}
