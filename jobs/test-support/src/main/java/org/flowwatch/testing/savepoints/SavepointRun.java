package org.flowwatch.testing.savepoints;

import java.util.UUID;

/**
 * One run of a job in the savepoint harness.
 *
 * @param id unique per run, for what must not carry over from an earlier run on the same servers: consumer groups
 *     (whose committed offsets tell when the run has read its input), transactional ids and index names
 * @param parallelism of every operator in this run
 */
public record SavepointRun(String id, int parallelism) {
  static SavepointRun create(String job, int parallelism) {
    return new SavepointRun(job + "-p" + parallelism + "-" + UUID.randomUUID().toString().substring(0, 8), parallelism);
  }
}
