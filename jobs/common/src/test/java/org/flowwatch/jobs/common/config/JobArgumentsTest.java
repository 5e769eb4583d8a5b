package org.flowwatch.jobs.common.config;

import static org.apache.flink.configuration.ConfigOptions.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
  private static final ConfigOption<Integer> WORKERS = key("workers").intType().defaultValue(2);
  private static final ConfigOption<Duration> DELAY = key("delay").durationType().defaultValue(Duration.ofSeconds(1));
  private static final List<ConfigOption<?>> DECLARED = List.of(WORKERS, DELAY);

  @Test
  void readsOptionValuePairs() {
    Configuration configuration = JobArguments.parse(new String[] {"--workers", "4", "--delay", "3 min"}, DECLARED);
    assertThat(configuration.get(WORKERS)).isEqualTo(4);
    assertThat(configuration.get(DELAY)).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void keepsDefaultsForOptionsNotGiven() {
    assertThat(JobArguments.parse(new String[0], DECLARED).get(DELAY)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void namesTheOptionWhoseValueDoesNotParse() {
    assertThatThrownBy(() -> JobArguments.parse(new String[] {"--workers", "many"}, DECLARED))
        .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("option 'workers': cannot read 'many'");
  }

  @Test
  void validatesRanges() {
    Configuration configuration = JobArguments.parse(new String[] {"--workers", "0", "--delay", "0 s"}, DECLARED);
    assertThatThrownBy(() -> JobArguments.positiveInt(configuration, WORKERS)).hasMessageStartingWith("option 'workers'");
    assertThatThrownBy(() -> JobArguments.positiveDuration(configuration, DELAY)).hasMessageStartingWith("option 'delay'");
  }
}
