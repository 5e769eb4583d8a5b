package org.flowwatch.jobs.surgedetection.sinks;

import java.time.Instant;
import org.flowwatch.detectors.alerts.Episode;
import org.flowwatch.jobs.surgedetection.functions.SeriesKey;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;

/** An alert episode as the SurgeAlert record that goes to Kafka and Elasticsearch. */
public final class SurgeAlerts {
  private SurgeAlerts() {}

  /** @param series the series of the episode, whose {@link SeriesKey#id()} is the episode's series key */
  public static SurgeAlert of(Episode episode, SeriesKey series) {
    return SurgeAlert.newBuilder()
        .setId(episode.id)
        .setSignal(AlertSignal.valueOf(episode.signal.name()))
        .setStatus(AlertStatus.valueOf(episode.status.name()))
        .setSeverity(AlertSeverity.valueOf(episode.severity.name()))
        .setMethod(episode.method)
        .setSeriesKey(episode.seriesKey)
        .setPointCode(series.point)
        .setRoute(series.route)
        .setNationality(series.nationality)
        .setDirection(Direction.valueOf(series.direction))
        .setOpenedAt(Instant.ofEpochMilli(episode.openedAt))
        .setUpdatedAt(Instant.ofEpochMilli(episode.updatedAt))
        .setResolvedAt(episode.resolvedAt < 0 ? null : Instant.ofEpochMilli(episode.resolvedAt))
        .setObserved(episode.observed)
        .setExpected(finite(episode.expected))
        .setThreshold(finite(episode.threshold))
        .setScore(finite(episode.score))
        .setRevision(episode.revision)
        .build();
  }

  /** Avro doubles may be NaN, but JSON and Elasticsearch cannot hold them: an unknown value becomes 0. */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
