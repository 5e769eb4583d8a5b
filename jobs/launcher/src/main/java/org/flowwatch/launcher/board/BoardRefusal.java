package org.flowwatch.launcher.board;

/** A request the board does not serve, with the reason the caller is told and the HTTP status it gets. */
public final class BoardRefusal extends RuntimeException {
  private final int status;

  public BoardRefusal(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
