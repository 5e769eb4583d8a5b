package org.flowwatch.jobs.surgedetection.sinks;

import java.time.Instant;
import java.util.Map;
import org.flowwatch.detectors.alerts.Episode;
import org.flowwatch.jobs.surgedetection.functions.SeriesKeys;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;

/** An alert episode as the SurgeAlert record that goes to Kafka and Elasticsearch. */
public final class SurgeAlerts {
  private SurgeAlerts() {}

  public static SurgeAlert of(Episode episode) {
    Map<String, String> fields = SeriesKeys.fields(episode.seriesKey);
    String direction = fields.get("direction");
    return SurgeAlert.newBuilder()
        .setId(episode.id)
        .setSignal(AlertSignal.valueOf(episode.signal.name()))
        .setStatus(AlertStatus.valueOf(episode.status.name()))
        .setSeverity(AlertSeverity.valueOf(episode.severity.name()))
        .setMethod(episode.method)
        .setSeriesKey(episode.seriesKey)
        .setPointCode(fields.get("point"))
        .setRoute(fields.get("route"))
        .setNationality(fields.get("nationality"))
        .setDirection(direction == null ? null : Direction.valueOf(direction))
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
