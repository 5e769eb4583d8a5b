package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WriterEpochsTest {
  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void anyRevisionOfALaterEpochOutranksEveryRevisionOfAnEarlierOne() {
    assertThat(WriterEpochs.externalVersion(8, 1)).isGreaterThan(WriterEpochs.externalVersion(7, 5_000_000));
    assertThat(WriterEpochs.externalVersion(7, 3)).isGreaterThan(WriterEpochs.externalVersion(7, 2));
    assertThat(WriterEpochs.externalVersion(7, 2)).isEqualTo(WriterEpochs.externalVersion(7, 2));
  }

  @Test
  void theLastEpochAndRevisionStillFitAnElasticsearchVersion() {
    long top = WriterEpochs.externalVersion(WriterEpochs.MAX_EPOCH, WriterEpochs.MAX_REVISION);
    assertThat(top).isPositive().isLessThan(Long.MAX_VALUE);
    assertThat(WriterEpochs.externalVersion(WriterEpochs.MAX_EPOCH, Long.MAX_VALUE)).as("revisions saturate")
        .isEqualTo(top);
  }

  @Test
  void epochsGrowWithTheClockAndStrictlyEvenWhenItStandsStillOrGoesBack() {
    long first = WriterEpochs.next(at("2030-06-01T00:00:00Z"));
    long sameInstant = WriterEpochs.next(at("2030-06-01T00:00:00Z"));
    long clockSetBack = WriterEpochs.next(at("2029-01-01T00:00:00Z"));
    long later = WriterEpochs.next(at("2030-06-01T00:01:00Z"));

    assertThat(sameInstant).isGreaterThan(first);
    assertThat(clockSetBack).isGreaterThan(sameInstant);
    assertThat(later - first).isEqualTo(60_000 / WriterEpochs.EPOCH_UNIT_MILLIS);
  }

  @Test
  void refusesEpochsAndRevisionsOutOfRange() {
    assertThatThrownBy(() -> WriterEpochs.externalVersion(0, 1)).hasMessageContaining("writer epoch");
    assertThatThrownBy(() -> WriterEpochs.externalVersion(WriterEpochs.MAX_EPOCH + 1, 1))
        .hasMessageContaining("writer epoch");
    assertThatThrownBy(() -> WriterEpochs.externalVersion(1, -1)).hasMessageContaining("revision");
  }
}
