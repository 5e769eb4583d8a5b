package org.flowwatch.jobs.common.config;

/** A configuration option with a missing, malformed or out-of-range value; the message names the option. */
public final class InvalidOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidOptionException(String option, String problem) {
    super("option '" + option + "': " + problem);
  }
}
