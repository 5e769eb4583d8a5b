package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.junit.jupiter.api.Test;

/** The arguments check fails where the job would fail to start, and lets only the pending options through. */
class ProgramArgumentsTest {

  @Test
  void givesTheTopicsOfTheSettingsTheArgumentsMake() {
    List<TopicSpec> topics = ProgramArguments.topicsAtStartUp(FlowwatchJob.SURGE_DETECTION,
        List.of("--kafka.topic.alerts", "x.alerts"));

    assertThat(topics).extracting(TopicSpec::name).containsExactly("flowwatch.flow-aggregates", "x.alerts");
  }

  @Test
  void refusesAnOptionTheJobDoesNotDeclare() {
    assertThatThrownBy(() -> ProgramArguments.topicsAtStartUp(FlowwatchJob.SURGE_DETECTION,
        List.of("--kafka.bootstrap-server", "kafka:9092")))
        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("kafka.bootstrap-server");
  }

  @Test
  void refusesAValueTheJobsSettingsRefuse() {
    assertThatThrownBy(() -> ProgramArguments.topicsAtStartUp(FlowwatchJob.ALERT_DELIVERY,
        List.of("--elasticsearch.url", "elasticsearch:9200")))
        .isInstanceOf(InvalidOptionException.class).hasMessageContaining("elasticsearch.url");
  }

  @Test
  void refusesArgumentsThatAreNotOptionValuePairs() {
    assertThatThrownBy(() -> ProgramArguments.pairs(List.of("--parallelism", "2", "--bounded")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ProgramArguments.pairs(List.of("--parallelism", "2", "--parallelism", "3")))
        .isInstanceOf(AssertionError.class);
  }

  /** Holds before and after the jobs declare the pending options: a misspelt one never gets through. */
  @Test
  void letsAPendingOptionThroughButNotAMisspellingOfIt() {
    assertThat(ProgramArguments.topicsAtStartUp(FlowwatchJob.FLOW_AGGREGATION,
        List.of("--elasticsearch.api-key-file", "/opt/flink/secrets/elasticsearch/api-key"))).hasSize(5);
    assertThatThrownBy(() -> ProgramArguments.topicsAtStartUp(FlowwatchJob.FLOW_AGGREGATION,
        List.of("--elasticsearch.api-key-fil", "/opt/flink/secrets/elasticsearch/api-key")))
        .isInstanceOf(InvalidOptionException.class);
  }
}
