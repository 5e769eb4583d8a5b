package org.flowwatch.simulator.replay;

/** A replay file that cannot be read; the message names the file, the line and what is wrong with it. */
public final class ReplayFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayFileException(String message) {
    super(message);
  }

  public ReplayFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
