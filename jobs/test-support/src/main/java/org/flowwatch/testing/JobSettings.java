package org.flowwatch.testing;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/** Builds a job configuration from (option, value) pairs, as a user would pass them on the command line. */
public final class JobSettings {
  private JobSettings() {}

  public static Configuration of(Object... optionsAndValues) {
    Configuration configuration = new Configuration();
    for (int i = 0; i < optionsAndValues.length; i += 2) {
      configuration.setString(((ConfigOption<?>) optionsAndValues[i]).key(), (String) optionsAndValues[i + 1]);
    }
    return configuration;
  }
}
