package org.flowwatch.jobs.common.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import org.flowwatch.jobs.common.config.InvalidOptionException;

/** Opens trust and key stores named by options at start-up, so that a wrong file or password fails there, named. */
public final class KeyStores {
  private KeyStores() {}

  /**
   * The store at {@code file} (PKCS12 or JKS, told apart by its content), opened with {@code password}.
   *
   * @param option the option that named the file, for the message
   */
  public static KeyStore open(Path file, Optional<String> password, String option) {
    try {
      return KeyStore.getInstance(file.toFile(), password.map(String::toCharArray).orElse(null));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      // The message of a wrong password is "keystore password was incorrect": no secret in it.
      throw new InvalidOptionException(option, "cannot open the key store " + file
          + (password.isPresent() ? " with the password given" : " without a password") + ": " + e.getMessage());
    }
  }
}
