package org.flowwatch.jobs.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;

/**
 * Where secrets come from: files named by options, or environment variables; never an option's value, which would show
 * on the command line ({@code ps}). Messages name the option, the file or the variable, never the secret.
 */
public final class SecretSources {
  private SecretSources() {}

  /**
   * The secret in the file {@code fileOption} names, else in the environment {@code variable}; empty when neither is
   * set. The file wins: an explicit option beats the ambient environment. One trailing line break is dropped (editors
   * and {@code echo} add it).
   */
  public static Optional<String> read(Configuration configuration, ConfigOption<String> fileOption, String variable,
      Map<String, String> environment) {
    Optional<String> fromFile = read(configuration, fileOption);
    if (fromFile.isPresent()) {
      return fromFile;
    }
    String value = environment.get(variable);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isEmpty()) {
      throw new InvalidOptionException(fileOption.key(), "the environment variable " + variable + " is set but empty");
    }
    return Optional.of(value);
  }

  /** The secret in the file {@code fileOption} names, if the option is set. */
  public static Optional<String> read(Configuration configuration, ConfigOption<String> fileOption) {
    return readableFile(configuration, fileOption).map(file -> {
      try {
        String secret = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\r?\n$", "");
        if (secret.isEmpty()) {
          throw new InvalidOptionException(fileOption.key(), "the file " + file + " is empty");
        }
        return secret;
      } catch (IOException e) {
        throw new InvalidOptionException(fileOption.key(), "cannot read " + file + ": " + e);
      }
    });
  }

  /** The file the option names, if it is set; it must exist and be readable. */
  public static Optional<Path> readableFile(Configuration configuration, ConfigOption<String> option) {
    Optional<String> name = Optional.ofNullable(JobArguments.read(configuration, option)).filter(s -> !s.isBlank());
    return name.map(value -> {
      Path file = Path.of(value.strip());
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new InvalidOptionException(option.key(), "no readable file at " + file);
      }
      return file;
    });
  }
}
