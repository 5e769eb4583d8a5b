package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command that talks to Kafka or Elasticsearch takes the jobs' security options, and no secret as a value. */
class ServerOptionsTest {
  private static final List<List<String>> SERVER_COMMANDS = List.of(List.of("demo"), List.of("replay"),
      List.of("bench"), List.of("subscriptions", "apply"), List.of("alerts", "test-send"),
      List.of("dashboards", "install"));

  @TempDir
  Path directory;

  private static Set<String> optionNames(List<String> path) {
    CommandLine command = FlowwatchCommand.commandLine();
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec().options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
  }

  @Test
  void shouldOfferTheJobsSecurityOptionsWhereverKafkaOrElasticsearchIsUsed() {
    Set<String> kafka = CommonOptions.KAFKA_SECURITY.stream().map(o -> "--" + o.key()).collect(Collectors.toSet());
    Set<String> elasticsearch = CommonOptions.ELASTICSEARCH_SECURITY.stream().map(o -> "--" + o.key())
        .collect(Collectors.toSet());
    for (List<String> command : SERVER_COMMANDS) {
      Set<String> names = optionNames(command);
      if (names.contains("--kafka")) {
        assertThat(names).as(String.join(" ", command)).containsAll(kafka);
      }
      if (names.contains("--elasticsearch")) {
        assertThat(names).as(String.join(" ", command)).containsAll(elasticsearch);
      }
    }
  }

  @Test
  void shouldTakeSecretsOnlyAsFiles() {
    List<ConfigOption<?>> security = new java.util.ArrayList<>(CommonOptions.KAFKA_SECURITY);
    security.addAll(CommonOptions.ELASTICSEARCH_SECURITY);
    assertThat(security).extracting(ConfigOption::key)
        .filteredOn(key -> key.contains("password") || key.contains("api-key") || key.contains("secret"))
        .isNotEmpty().allMatch(key -> key.endsWith("-file"));
  }

  @Test
  void shouldStopACommandWithTheOptionNamedWhenASecurityOptionIsInvalid() throws Exception {
    Path file = Files.writeString(directory.resolve("observations.csv"), "");

    CommandRun run = CommandRun.of("replay", file.toString(), "--kafka.security.protocol", "SASL_SSL",
        "--kafka.sasl.mechanism", "PLAIN", "--kafka.sasl.username", "flowwatch");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("flowwatch replay: option 'kafka.sasl.password-file'")
        .contains("FLOWWATCH_KAFKA_SASL_PASSWORD");
  }
}
