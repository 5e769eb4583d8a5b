package org.flowwatch.launcher.board;

/** Chromium or its ChromeDriver is missing and could not be installed; the message says what and how to install it. */
public final class ChromiumUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ChromiumUnavailableException(String message) {
    super(message);
  }

  public ChromiumUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
