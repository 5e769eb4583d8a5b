package org.flowwatch.jobs.alertdelivery.channels;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The secrets that subscriptions name (webhook signing secrets, the SMTP password): subscriptions and the topic hold
 * only names, the values come from a secrets file ({@code name=value} lines, readable by the job only) or from the
 * environment as {@code FLOWWATCH_SECRET_<NAME>} (upper case, other characters as '_'). The file wins. Values never
 * appear in {@link #toString}, logs or errors.
 */
public final class Secrets implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENVIRONMENT_PREFIX = "FLOWWATCH_SECRET_";

  private final Map<String, String> values;

  private Secrets(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Secrets none() {
    return new Secrets(Map.of());
  }

  /** Secrets from {@code file} when given, and from every {@code FLOWWATCH_SECRET_*} variable of {@code environment}. */
  public static Secrets load(Optional<Path> file, Map<String, String> environment) throws IOException {
    Map<String, String> values = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENVIRONMENT_PREFIX) && !value.isBlank()) {
        values.put(name, value.strip());
      }
    });
    if (file.isPresent()) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(name -> values.put(environmentName(name),
          properties.getProperty(name).strip()));
    }
    return new Secrets(values);
  }

  public static Secrets of(Map<String, String> byName) {
    Map<String, String> values = new HashMap<>();
    byName.forEach((name, value) -> values.put(environmentName(name), value));
    return new Secrets(values);
  }

  /** The secret called {@code name}, or an exception naming it (never its value) and where it was looked for. */
  public String get(String name) {
    String value = values.get(environmentName(name));
    if (value == null || value.isEmpty()) {
      throw new MissingSecretException("secret '" + name + "' is neither in the secrets file nor in the environment as "
          + environmentName(name));
    }
    return value;
  }

  public boolean has(String name) {
    return values.containsKey(environmentName(name));
  }

  /** The environment variable that holds the secret {@code name}. */
  public static String environmentName(String name) {
    return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  @Override
  public String toString() {
    return "Secrets[" + values.size() + " values hidden]";
  }

  /** A subscription names a secret the job does not have: a configuration error, reported by name. */
  public static final class MissingSecretException extends RuntimeException {
    public MissingSecretException(String message) {
      super(message);
    }
  }
}
