package org.flowwatch.jobs.common.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ParameterTool;

/**
 * Turns a job's {@code --option value} arguments into a typed Flink {@link Configuration}, accepting only the options
 * the job declares, so that a misspelt or malformed option fails at start-up with its name in the message.
 */
public final class JobArguments {
  private JobArguments() {}

  public static Configuration parse(String[] args, List<ConfigOption<?>> declared) {
    Map<String, String> given = ParameterTool.fromArgs(args).toMap();
    Map<String, ConfigOption<?>> byKey = declared.stream().collect(Collectors.toMap(ConfigOption::key, o -> o));
    Configuration configuration = new Configuration();
    for (Map.Entry<String, String> entry : given.entrySet()) {
      ConfigOption<?> option = byKey.get(entry.getKey());
      if (option == null) {
        throw new InvalidOptionException(entry.getKey(), "unknown option; known options: " + new TreeSet<>(byKey.keySet()));
      }
      configuration.setString(option.key(), entry.getValue());
      read(configuration, option);
    }
    return configuration;
  }

  /** Reads an option, naming it when its value does not parse as the option's type. */
  public static <T> T read(Configuration configuration, ConfigOption<T> option) {
    try {
      return configuration.get(option);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(option.key(), "cannot read '" + configuration.toMap().get(option.key())
          + "': " + rootMessage(e));
    }
  }

  public static int positiveInt(Configuration configuration, ConfigOption<Integer> option) {
    int value = read(configuration, option);
    if (value < 1) {
      throw new InvalidOptionException(option.key(), "must be at least 1, was " + value);
    }
    return value;
  }

  public static Duration positiveDuration(Configuration configuration, ConfigOption<Duration> option) {
    Duration value = read(configuration, option);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidOptionException(option.key(), "must be a positive duration, was " + value);
    }
    return value;
  }

  public static Duration nonNegativeDuration(Configuration configuration, ConfigOption<Duration> option) {
    Duration value = read(configuration, option);
    if (value.isNegative()) {
      throw new InvalidOptionException(option.key(), "must not be negative, was " + value);
    }
    return value;
  }

  public static String nonBlank(Configuration configuration, ConfigOption<String> option) {
    String value = read(configuration, option);
    if (value == null || value.isBlank()) {
      throw new InvalidOptionException(option.key(), "must not be empty");
    }
    return value.strip();
  }

  /** An http:// or https:// URL. */
  public static String httpUrl(Configuration configuration, ConfigOption<String> option) {
    String url = nonBlank(configuration, option);
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new InvalidOptionException(option.key(), "must be an http:// or https:// URL, was '" + url + "'");
    }
    return url;
  }

  /** A UTC offset of whole hours such as +01:00 (days are built from hourly windows or series). */
  public static ZoneOffset wholeHourOffset(Configuration configuration, ConfigOption<String> option) {
    String zone = nonBlank(configuration, option);
    ZoneOffset offset;
    try {
      offset = ZoneOffset.of(zone);
    } catch (DateTimeException e) {
      throw new InvalidOptionException(option.key(), "must be a UTC offset such as +01:00, was '" + zone + "'");
    }
    if (offset.getTotalSeconds() % 3600 != 0) {
      throw new InvalidOptionException(option.key(), "must be a whole number of hours (days are built from hours), "
          + "was '" + zone + "'");
    }
    return offset;
  }

  /** A lower-case index name or prefix starting with the prefix that its index template matches. */
  public static String indexName(Configuration configuration, ConfigOption<String> option, String templatePrefix) {
    String name = nonBlank(configuration, option);
    if (!name.startsWith(templatePrefix) || !name.equals(name.toLowerCase())) {
      throw new InvalidOptionException(option.key(), "must be lower case and start with " + templatePrefix
          + " so that the index template maps it, was '" + name + "'");
    }
    return name;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
