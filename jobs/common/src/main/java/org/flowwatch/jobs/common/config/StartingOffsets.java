package org.flowwatch.jobs.common.config;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Where a job without committed offsets starts reading. */
public enum StartingOffsets {
  EARLIEST, LATEST, COMMITTED;

  /** The Kafka source's initializer: COMMITTED falls back to the earliest offset for a new group. */
  public OffsetsInitializer initializer() {
    return switch (this) {
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    };
  }
}
