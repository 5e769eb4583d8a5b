package org.flowwatch.jobs.flowaggregation.privacy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key of the job's keyed hashes (HMAC-SHA256): the pseudonyms of resent records and the rounding keys of
 * the published counts. Without the key, neither can be recomputed from a guessed record id or count. It comes from a
 * file or from the environment, never from a job argument (arguments show in process lists and the Flink UI), and
 * {@link #toString} never shows it, so settings can be logged.
 */
public final class PrivacyKey implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENVIRONMENT_VARIABLE = "FLOWWATCH_PRIVACY_KEY";
  /** A key shorter than the hash's block gives little protection against guessing the key itself. */
  static final int MINIMUM_BYTES = 16;
  /** The key of the demo and the tests when no other is given. It is in the source code: it is NOT secret. */
  static final String DEMO_KEY = "flowwatch-demo-key-published-in-the-source-not-secret";
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private final String origin;
  /** An initialised Mac per thread: getting and initialising one costs more than hashing a short message. */
  private transient ThreadLocal<Mac> macs;

  private PrivacyKey(byte[] key, String origin) {
    if (key.length < MINIMUM_BYTES) {
      throw new IllegalArgumentException(origin + " must hold at least " + MINIMUM_BYTES + " bytes");
    }
    this.key = key.clone();
    this.origin = origin;
  }

  public static PrivacyKey demo() {
    return new PrivacyKey(DEMO_KEY.getBytes(StandardCharsets.UTF_8), "the demo key (not secret)");
  }

  /** The key in {@code file} if one is given, else in the environment variable, else the demo key. */
  public static PrivacyKey load(Optional<Path> file, Map<String, String> environment) throws IOException {
    if (file.isPresent()) {
      return new PrivacyKey(Files.readString(file.get(), StandardCharsets.UTF_8).strip()
          .getBytes(StandardCharsets.UTF_8), "the key file");
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new PrivacyKey(fromEnvironment.strip().getBytes(StandardCharsets.UTF_8), ENVIRONMENT_VARIABLE);
    }
    return demo();
  }

  public byte[] hmac(String message) {
    if (macs == null) {
      macs = ThreadLocal.withInitial(this::newMac);
    }
    // doFinal leaves the Mac initialised with the key, ready for the next message.
    return macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
    }
  }

  public String hmacHex(String message) {
    return HexFormat.of().formatHex(hmac(message));
  }

  @Override
  public String toString() {
    return "PrivacyKey[from " + origin + ", value hidden]";
  }
}
