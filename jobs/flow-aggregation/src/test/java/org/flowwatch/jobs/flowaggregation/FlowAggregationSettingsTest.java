package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.flowaggregation.privacy.PrivacyKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowAggregationSettingsTest {

  private static FlowAggregationSettings parse(String... args) {
    return FlowAggregationSettings.from(JobArguments.parse(args, FlowAggregationOptions.ALL));
  }

  @Test
  void defaultsRunOnOneMachine() {
    FlowAggregationSettings settings = FlowAggregationSettings.defaults();

    assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(settings.allowedLateness()).isEqualTo(Duration.ofDays(3));
    assertThat(settings.bounded()).isFalse();
  }

  @Test
  void readsTypedValuesFromArguments() {
    FlowAggregationSettings settings = parse("--window.allowed-lateness", "2 h", "--kafka.bounded", "true",
        "--parallelism", "4");

    assertThat(settings.allowedLateness()).isEqualTo(Duration.ofHours(2));
    assertThat(settings.bounded()).isTrue();
    assertThat(settings.parallelism()).isEqualTo(4);
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertThatThrownBy(() -> parse("--window.allowed-latness", "2 h"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'window.allowed-latness'")
        .hasMessageContaining("window.allowed-lateness");
  }

  @Test
  void aMalformedValueNamesItsOption() {
    assertThatThrownBy(() -> parse("--window.allowed-lateness", "soon"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'window.allowed-lateness'")
        .hasMessageContaining("soon");
  }

  @Test
  void anOutOfRangeValueNamesItsOption() {
    assertThatThrownBy(() -> parse("--parallelism", "0"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'parallelism'");
    assertThatThrownBy(() -> parse("--elasticsearch.url", "127.0.0.1:9200"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'elasticsearch.url'");
    assertThatThrownBy(() -> parse("--elasticsearch.index.hourly", "flows"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'elasticsearch.index.hourly'");
  }

  @Test
  void aMinimumCellSizeBelowTwoIsRefusedNamingTheOption() {
    // A cell of one person is that person: the published view would identify them.
    assertThatThrownBy(() -> parse("--suppression.min-cell-size", "1"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'suppression.min-cell-size'")
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> parse("--suppression.min-cell-size", "0"))
        .hasMessageStartingWith("option 'suppression.min-cell-size'");
    assertThat(parse("--suppression.min-cell-size", "2").minCellSize()).isEqualTo(2);
  }

  @Test
  void thePrivacyKeyComesFromAFileNamedByTheOptionAndIsNeverShown(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("privacy.key"), "a secret of at least sixteen bytes");

    FlowAggregationSettings settings = parse("--privacy.key-file", file.toString());

    assertThat(settings.toString()).doesNotContain("a secret of at least sixteen bytes");
    assertThat(settings.privacyKey().hmacHex("x")).isNotEqualTo(PrivacyKey.demo().hmacHex("x"));
  }

  @Test
  void anUnreadableKeyFileIsNamedByItsOption(@TempDir Path dir) {
    assertThatThrownBy(() -> parse("--privacy.key-file", dir.resolve("missing").toString()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'privacy.key-file'");
  }

  @Test
  void theRejectedRecordsAreKeptSevenDaysByDefault() {
    assertThat(FlowAggregationSettings.defaults().rejectedRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(parse("--kafka.rejected-retention", "2 d").rejectedRetention()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void checkpointBoundsAreOptionsValidatedAgainstTheKafkaTransactionTimeout() {
    FlowAggregationSettings settings = parse("--checkpoint.timeout", "90 s", "--checkpoint.tolerable-failures", "3");

    assertThat(settings.checkpoints().timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.checkpoints().tolerableFailures()).isEqualTo(3);
    assertThatThrownBy(() -> parse("--checkpoint.interval", "20 min"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageStartingWith("option 'checkpoint.interval'")
        .hasMessageContaining("transaction timeout");
  }
}
