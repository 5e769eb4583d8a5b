package org.flowwatch.launcher.board;

import java.net.URI;

/** The feed paths of the board ({@code /feeds/...}): what the alert feed answers for a path. */
public interface AlertFeedRoutes {
  record Response(String contentType, String body) {}

  /** @throws BoardRefusal 404 for a path or message the feed does not have */
  Response answer(String path, String query, URI boardBase) throws java.io.IOException;
}
