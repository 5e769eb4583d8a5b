package org.flowwatch.jobs.flowaggregation.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ReferenceWatermarksTest {
  /** What a generator told its output. */
  private static final class RecordingOutput implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    int idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      idle++;
    }

    @Override
    public void markActive() {}
  }

  @Test
  void theReferenceStreamNeverCarriesEventTimeAndStaysIdle() {
    ReferenceWatermarks generator = new ReferenceWatermarks();
    RecordingOutput output = new RecordingOutput();

    generator.onPeriodicEmit(output);
    generator.onEvent(null, 0L, output);
    generator.onPeriodicEmit(output);

    assertThat(output.watermarks).as("no watermark, least of all the end of time").isEmpty();
    assertThat(output.idle).isEqualTo(2);
  }
}
