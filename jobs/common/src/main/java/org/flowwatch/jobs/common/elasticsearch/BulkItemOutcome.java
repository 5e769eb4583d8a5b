package org.flowwatch.jobs.common.elasticsearch;

/**
 * What the sink does with one item of a bulk response, from its HTTP status. Retrying only helps when the server, not
 * the document, was the problem: it was overloaded (429) or unavailable (5xx). Any other 4xx (a mapping conflict, a
 * document too large, a malformed source) fails the same way on every attempt, so the document goes to the rejected
 * path instead of blocking the job; a 409 version conflict means a newer revision is already indexed, which is the
 * outcome external versions exist for.
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

  private static final int CONFLICT = 409;
  private static final int TOO_MANY_REQUESTS = 429;

  public static BulkItemOutcome of(int status, boolean failed) {
    if (!failed && status < 300) {
      return WRITTEN;
    }
    if (status == CONFLICT) {
      return NEWER_REVISION_KEPT;
    }
    if (status == TOO_MANY_REQUESTS || status >= 500) {
      return RETRY;
    }
    return UNFIXABLE;
  }
}
