package org.flowwatch.launcher.cluster;

/** A Flink cluster could not be reached or refused a request; the message names the cluster and what it answered. */
public final class ClusterException extends Exception {
  public ClusterException(String message) {
    super(message);
  }
}
