package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.junit.jupiter.api.Test;

/** infra/compose/compose.yaml against the compose specification, and against the jobs' code. */
class ComposeTest {

  @Test
  void matchesTheComposeSpecification() {
    assertThat(JsonSchemas.problems(JsonSchemas.compose(), ComposeFile.read())).isEmpty();
  }

  @Test
  void submitsEveryJobOnceByItsNameMainClassAndJar() {
    Map<String, FlowwatchJob> submitted = new HashMap<>();
    for (List<String> submit : submissions()) {
      FlowwatchJob job = ImageJars.byMainClass(submit.get(2));
      assertThat(submit.subList(0, 2)).as("name and -c of " + job).containsExactly(job.flinkName(), "-c");
      assertThat(submit.get(3)).as("jar of " + job).isEqualTo(ImageJars.path(job));
      assertThat(submitted.put(job.flinkName(), job)).as(job + " submitted twice").isNull();
    }
    assertThat(submitted.values()).containsExactlyInAnyOrder(FlowwatchJob.values());
  }

  /**
   * Exactly the topics the submitted jobs need (each job's topics() for the arguments it is submitted with), with
   * their partitions and configs; and the alert delivery job's subscriptions topic, which ./flowwatch subscriptions
   * apply creates as SubscriptionsTopic.apply does: compacted, one partition.
   */
  @Test
  void createsExactlyTheTopicsTheSubmittedJobsNeed() {
    Map<String, TopicSpec> needed = new TreeMap<>();
    for (List<String> submit : submissions()) {
      FlowwatchJob job = ImageJars.byMainClass(submit.get(2));
      List<String> args = submit.subList(4, submit.size());
      for (TopicSpec topic : ProgramArguments.topicsAtStartUp(job, args)) {
        TopicSpec other = needed.put(topic.name(), topic);
        assertThat(other == null || other.equals(topic)).as("two jobs need " + topic.name() + " differently: "
            + other + ", " + topic).isTrue();
      }
      if (job == FlowwatchJob.ALERT_DELIVERY) {
        String subscriptions = JobArguments.parse(args.toArray(String[]::new), job.options())
            .get(AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC);
        needed.put(subscriptions, new TopicSpec(subscriptions, 1,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
    }
    Map<String, TopicSpec> created = ComposeFile.calls("create-topics", "topic").stream()
        .map(ComposeTest::topic).collect(Collectors.toMap(TopicSpec::name, topic -> topic, (a, b) -> {
          throw new AssertionError("topic created twice: " + a.name());
        }, TreeMap::new));
    assertThat(created).isEqualTo(needed);
  }

  @Test
  void theJobsStartOnlyOnceTheirTopicsAndIndexTemplatesExist() {
    JsonNode dependencies = ComposeFile.service("submit-jobs").path("depends_on");
    assertThat(dependencies.at("/create-topics/condition").asText()).isEqualTo("service_completed_successfully");
    assertThat(dependencies.at("/install-dashboards/condition").asText()).isEqualTo("service_completed_successfully");
    assertThat(ComposeFile.service("create-topics").at("/depends_on/kafka/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(ComposeFile.service("kafka").has("healthcheck")).isTrue();
  }

  @Test
  void installsTemplatesAndDashboardsWithTheLauncherTheImageHolds() {
    JsonNode install = ComposeFile.service("install-dashboards");
    List<String> command = Arrays.asList(YamlFiles.JSON.convertValue(install.path("entrypoint"), String[].class));
    String launcher = command.get(command.size() - 1);
    assertThat(Dockerfile.read().copiedFiles()).containsEntry(launcher,
        "jobs/launcher/target/flowwatch-launcher-" + Project.version() + "-all.jar");
    assertThat(install.path("command").get(0).asText() + " " + install.path("command").get(1).asText())
        .isEqualTo("dashboards install");
  }

  /** Flink containers run the image the manifests deploy, built from the Dockerfile; the servers are those tested. */
  @Test
  void runsTheImagesTheProjectBuildsAndIsTestedWith() throws IOException {
    String flowwatchImage = Manifests.flinkDeployments(Manifests.rendering("base")).get(0).at("/spec/image").asText();
    Set<String> images = new TreeSet<>();
    ComposeFile.read().path("services").forEach(service -> {
      String image = service.path("image").asText();
      images.add(image);
      if (service.has("build")) {
        assertThat(image).isEqualTo(flowwatchImage);
        assertThat(Project.root().resolve("infra/compose").resolve(service.at("/build/context").asText())
            .resolve(service.at("/build/dockerfile").asText()).normalize())
            .isEqualTo(Project.kubernetes().resolve("Dockerfile"));
      }
    });
    Matcher elasticsearch = Pattern.compile("(?m)^ES_VERSION=(\\S+)$")
        .matcher(Files.readString(Project.root().resolve("infra/elasticsearch/elasticsearch.sh")));
    assertThat(elasticsearch.find()).as("ES_VERSION in infra/elasticsearch/elasticsearch.sh").isTrue();
    assertThat(images).containsExactlyInAnyOrder(flowwatchImage,
        "apache/kafka:" + Project.property("kafka.version"),
        "docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearch.group(1),
        "docker.elastic.co/kibana/kibana:" + elasticsearch.group(1));
  }

  /** The words of each submit line: name, -c, main class, jar, then the job's arguments. */
  private static List<List<String>> submissions() {
    List<List<String>> submissions = ComposeFile.calls("submit-jobs", "submit");
    assertThat(submissions).isNotEmpty();
    return submissions;
  }

  private static TopicSpec topic(List<String> words) {
    Map<String, String> configs = new LinkedHashMap<>();
    String name = null;
    int partitions = 0;
    for (int i = 0; i < words.size(); i += 2) {
      String value = words.get(i + 1);
      switch (words.get(i)) {
        case "--topic" -> name = value;
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--config" -> configs.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
        default -> throw new AssertionError("unexpected " + words.get(i) + " in topic " + words);
      }
    }
    return new TopicSpec(name, partitions, configs);
  }
}
