package org.flowwatch.launcher.dashboards;

/** An install step that failed, with a message that names the server's URL and what it answered. */
public final class InstallFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public InstallFailure(String message) {
    super(message);
  }
}
