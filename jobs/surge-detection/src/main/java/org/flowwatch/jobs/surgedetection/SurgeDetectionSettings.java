package org.flowwatch.jobs.surgedetection;

import static org.flowwatch.jobs.common.config.JobArguments.nonBlank;
import static org.flowwatch.jobs.common.config.JobArguments.nonNegativeDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveInt;
import static org.flowwatch.jobs.common.config.JobArguments.read;

import java.io.Serializable;
import org.flowwatch.jobs.common.config.JobBasics;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.detectors.alerts.AlertPolicy;
import org.flowwatch.detectors.alerts.MonitorSettings;
import org.flowwatch.jobs.common.config.CheckpointSettings;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;

/** The validated settings of the surge detection job; see {@link SurgeDetectionOptions} for what each means. */
public record SurgeDetectionSettings(
    KafkaConnection kafka,
    String aggregatesTopic,
    String alertsTopic,
    String transactionalIdPrefix,
    String groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    ElasticsearchConnection elasticsearch,
    String alertsIndex,
    String rejectedIndex,
    Duration elasticsearchFlushInterval,
    Duration outOfOrderness,
    Duration idleness,
    ZoneOffset timeZone,
    DetectorChoice detector,
    int nowcastWindowHours,
    int fastWindowHours,
    double fastAlpha,
    double hysteresis,
    Duration resolveAfter,
    Duration cooldown,
    double collapseMinExpected,
    double collapseFraction,
    double collapseCalmFraction,
    Duration silenceAfter,
    int silenceMinActiveDays,
    CheckpointSettings checkpoints,
    int parallelism) implements Serializable, JobBasics {

  public static SurgeDetectionSettings defaults() {
    return from(new Configuration());
  }

  public static SurgeDetectionSettings from(Configuration configuration) {
    String index = JobArguments.indexName(configuration, SurgeDetectionOptions.ALERTS_INDEX, "flowwatch-alerts");
    ZoneOffset timeZone = JobArguments.wholeHourOffset(configuration, SurgeDetectionOptions.TIME_ZONE);
    double alpha = read(configuration, SurgeDetectionOptions.ALPHA);
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new InvalidOptionException(SurgeDetectionOptions.ALPHA.key(), "must be in (0, 0.5), was " + alpha);
    }
    DetectorChoice detector;
    try {
      detector = DetectorChoice.of(nonBlank(configuration, SurgeDetectionOptions.METHOD), alpha);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(SurgeDetectionOptions.METHOD.key(), e.getMessage());
    }
    double fraction = fraction(configuration, SurgeDetectionOptions.COLLAPSE_FRACTION);
    double calm = fraction(configuration, SurgeDetectionOptions.COLLAPSE_CALM_FRACTION);
    if (calm <= fraction) {
      throw new InvalidOptionException(SurgeDetectionOptions.COLLAPSE_CALM_FRACTION.key(),
          "must be above " + SurgeDetectionOptions.COLLAPSE_FRACTION.key() + " (" + fraction + "), was " + calm);
    }
    double minExpected = read(configuration, SurgeDetectionOptions.COLLAPSE_MIN_EXPECTED);
    if (!(minExpected >= 0)) {
      throw new InvalidOptionException(SurgeDetectionOptions.COLLAPSE_MIN_EXPECTED.key(), "must not be negative, was "
          + minExpected);
    }
    int window = positiveInt(configuration, SurgeDetectionOptions.NOWCAST_WINDOW_HOURS);
    if (window > 24) {
      throw new InvalidOptionException(SurgeDetectionOptions.NOWCAST_WINDOW_HOURS.key(), "must be 1..24, was " + window);
    }
    int fastWindow = read(configuration, SurgeDetectionOptions.FAST_WINDOW_HOURS);
    if (fastWindow < 0 || fastWindow > 23) {
      throw new InvalidOptionException(SurgeDetectionOptions.FAST_WINDOW_HOURS.key(), "must be 0 (off) to 23, was "
          + fastWindow);
    }
    double fastAlpha = read(configuration, SurgeDetectionOptions.FAST_ALPHA);
    if (!(fastAlpha > 0 && fastAlpha < 0.5)) {
      throw new InvalidOptionException(SurgeDetectionOptions.FAST_ALPHA.key(), "must be in (0, 0.5), was " + fastAlpha);
    }
    int activeDays = positiveInt(configuration, SurgeDetectionOptions.SILENCE_MIN_ACTIVE_DAYS);
    if (activeDays > 7) {
      throw new InvalidOptionException(SurgeDetectionOptions.SILENCE_MIN_ACTIVE_DAYS.key(), "must be 1..7, was "
          + activeDays);
    }
    return new SurgeDetectionSettings(
        KafkaConnection.from(configuration, System.getenv()),
        nonBlank(configuration, SurgeDetectionOptions.AGGREGATES_TOPIC),
        nonBlank(configuration, SurgeDetectionOptions.ALERTS_TOPIC),
        nonBlank(configuration, SurgeDetectionOptions.TRANSACTIONAL_ID_PREFIX),
        nonBlank(configuration, SurgeDetectionOptions.GROUP_ID),
        read(configuration, SurgeDetectionOptions.STARTING_OFFSETS),
        read(configuration, SurgeDetectionOptions.BOUNDED),
        ElasticsearchConnection.from(configuration, System.getenv()),
        index,
        JobArguments.indexName(configuration, SurgeDetectionOptions.REJECTED_INDEX, "flowwatch-rejected"),
        positiveDuration(configuration, SurgeDetectionOptions.ELASTICSEARCH_FLUSH_INTERVAL),
        nonNegativeDuration(configuration, SurgeDetectionOptions.OUT_OF_ORDERNESS),
        positiveDuration(configuration, SurgeDetectionOptions.IDLENESS),
        timeZone,
        detector,
        window,
        fastWindow,
        fastAlpha,
        fraction(configuration, SurgeDetectionOptions.HYSTERESIS),
        nonNegativeDuration(configuration, SurgeDetectionOptions.RESOLVE_AFTER),
        nonNegativeDuration(configuration, SurgeDetectionOptions.COOLDOWN),
        minExpected,
        fraction,
        calm,
        positiveDuration(configuration, SurgeDetectionOptions.SILENCE_AFTER),
        activeDays,
        CheckpointSettings.from(configuration),
        positiveInt(configuration, SurgeDetectionOptions.PARALLELISM));
  }

  private static double fraction(Configuration configuration, ConfigOption<Double> option) {
    double value = read(configuration, option);
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidOptionException(option.key(), "must be between 0 and 1, was " + value);
    }
    return value;
  }

  /** The UTC hour at which the local day ends: 23 for UTC+01:00. */
  public int dailyBoundaryHour() {
    return Math.floorMod(-timeZone.getTotalSeconds() / 3600, 24);
  }

  public MonitorSettings monitorSettings() {
    return new MonitorSettings(detector.supplier(), detector.historyDays(), dailyBoundaryHour(), nowcastWindowHours,
        fastWindowHours == 0 ? null : DetectorChoice.of(detector.method(), fastAlpha).supplier(), fastWindowHours,
        hysteresis,
        collapseMinExpected, collapseFraction, collapseCalmFraction, silenceAfter.toMillis(), silenceMinActiveDays,
        new AlertPolicy(resolveAfter.toMillis(), cooldown.toMillis()));
  }
}
