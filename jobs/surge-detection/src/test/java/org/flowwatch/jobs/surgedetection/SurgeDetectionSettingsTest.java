package org.flowwatch.jobs.surgedetection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.testing.JobSettings;
import org.junit.jupiter.api.Test;

class SurgeDetectionSettingsTest {
  @Test
  void defaultsRunOnOneMachineWithTheEvaluatedDetector() {
    SurgeDetectionSettings settings = SurgeDetectionSettings.defaults();
    assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.detector().method()).isEqualTo("farrington");
    assertThat(settings.detector().alpha()).isEqualTo(0.001);
    assertThat(settings.detector().historyDays()).isEqualTo(57);
    assertThat(settings.dailyBoundaryHour()).as("local midnight at UTC+01:00 is 23:00 UTC").isEqualTo(23);
    assertThat(settings.monitorSettings().historyDays()).isEqualTo(61);
    assertThat(settings.fastWindowHours()).isEqualTo(6);
    assertThat(settings.fastAlpha()).isEqualTo(0.0001);
    assertThat(settings.monitorSettings().fastDetector().get().name()).isEqualTo("farrington");
  }

  @Test
  void aBadValueNamesItsOption() {
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.METHOD, "holt")))
        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("detection.method")
        .hasMessageContaining("farrington, ears-c1");
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.COLLAPSE_CALM_FRACTION,
        "0.2"))).hasMessageContaining("collapse.calm-fraction").hasMessageContaining("collapse.fraction");
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.ALERTS_INDEX,
        "alerts"))).hasMessageContaining("elasticsearch.alerts-index");
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.TIME_ZONE,
        "+05:30"))).hasMessageContaining("detection.time-zone");
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.NOWCAST_WINDOW_HOURS,
        "25"))).hasMessageContaining("detection.nowcast-window-hours");
    assertThatThrownBy(() -> SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.FAST_WINDOW_HOURS,
        "24"))).hasMessageContaining("detection.fast-window-hours");
    assertThat(SurgeDetectionSettings.from(JobSettings.of(SurgeDetectionOptions.FAST_WINDOW_HOURS, "0"))
        .monitorSettings().fastDetector()).as("0 turns the fast window off").isNull();
  }
}
