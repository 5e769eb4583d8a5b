package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.testing.JobSettings;
import org.junit.jupiter.api.Test;

class FlowAggregationConnectorsTest {

  private static Map<String, String> rejectedTopicConfigs(FlowAggregationSettings settings) {
    return FlowAggregationConnectors.topics(settings).stream()
        .filter(topic -> topic.name().equals(settings.rejectedTopic()))
        .map(KafkaTopics.TopicSpec::configs).findFirst().orElseThrow();
  }

  @Test
  void theRejectedRecordsTopicIsCreatedWithABoundedRetentionCountedFromArrival() {
    Map<String, String> configs = rejectedTopicConfigs(FlowAggregationSettings.defaults());

    assertThat(configs).containsEntry("retention.ms", String.valueOf(Duration.ofDays(7).toMillis()))
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("segment.ms", String.valueOf(Duration.ofDays(1).toMillis()))
        // A replayed record carries an event time years old: its age must count from when the broker got it.
        .containsEntry("message.timestamp.type", "LogAppendTime");
  }

  @Test
  void aRetentionShorterThanADayRollsSegmentsAsOften() {
    Map<String, String> configs = rejectedTopicConfigs(FlowAggregationSettings.from(
        JobSettings.of(FlowAggregationOptions.REJECTED_RETENTION, "6 h")));

    assertThat(configs).containsEntry("retention.ms", String.valueOf(Duration.ofHours(6).toMillis()))
        .containsEntry("segment.ms", String.valueOf(Duration.ofHours(6).toMillis()));
  }
}
