package org.flowwatch.jobs.common.elasticsearch;

/**
 * What the sink does with one item of a bulk response, from its HTTP status. Only a refusal of the document itself
 * fails the same way on every attempt: 400 (a mapping conflict, a malformed source) and 413 (too large); such a
 * document goes to the rejected path instead of blocking the job. A 409 version conflict means a newer revision is
 * already indexed, which is the outcome external versions exist for. Everything else is the server's state, not the
 * document's (overloaded 429, unavailable 5xx, but also a write block 403, a missing index 404, credentials 401,
 * a timeout 408): the document is sent again after a backoff, and the job slows rather than loses it.
 */
public enum BulkItemOutcome {
  /** Indexed (created or updated). */
  WRITTEN,
  /** Refused because Elasticsearch holds the same or a newer revision: done, nothing to retry. */
  NEWER_REVISION_KEPT,
  /** Refused for now (overloaded or unavailable): send again after a backoff. */
  RETRY,
  /** Refused for good: report it on the rejected path, do not send it again. */
  UNFIXABLE;

  private static final int BAD_REQUEST = 400;
  private static final int CONFLICT = 409;
  private static final int CONTENT_TOO_LARGE = 413;

  public static BulkItemOutcome of(int status, boolean failed) {
    if (!failed && status < 300) {
      return WRITTEN;
    }
    if (status == CONFLICT) {
      return NEWER_REVISION_KEPT;
    }
    if (status == BAD_REQUEST || status == CONTENT_TOO_LARGE || status < 300) {
      return UNFIXABLE; // a 2xx marked failed is a malformed answer about this document: retrying cannot help
    }
    return RETRY;
  }
}
