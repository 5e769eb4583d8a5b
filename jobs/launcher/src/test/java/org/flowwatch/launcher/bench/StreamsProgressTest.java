package org.flowwatch.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StreamsProgressTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void countsWhatIsNotCommittedYetAndNothingOfAnEmptyPartition() {
    assertThat(StreamsProgress.behind(Map.of(P0, 10L, P1, 0L), Map.of())).isEqualTo(10);
    assertThat(StreamsProgress.behind(Map.of(P0, 10L, P1, 5L), Map.of(P0, new OffsetAndMetadata(7))))
        .isEqualTo(8);
    assertThat(StreamsProgress.behind(Map.of(P0, 10L, P1, 5L),
        Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(5)))).isZero();
  }
}
