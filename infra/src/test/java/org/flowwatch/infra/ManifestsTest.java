package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.infra.Manifests.flinkDeployments;
import static org.flowwatch.infra.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The manifests against the operator's published CRDs, and the settings every deployment must have. */
class ManifestsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyFlinkDeploymentMatchesTheOperatorsSchema(List<ObjectNode> resources) {
    JsonSchema schema = JsonSchemas.customResource("flinkdeployments.flink.apache.org-v1.yml");
    assertThat(flinkDeployments(resources)).hasSize(FlowwatchJob.values().length);
    for (ObjectNode deployment : flinkDeployments(resources)) {
      assertThat(JsonSchemas.problems(schema, deployment)).as(name(deployment)).isEmpty();
    }
  }

  @Test
  void everyStateSnapshotMatchesTheOperatorsSchemaAndNamesADeployedJob() throws IOException {
    JsonSchema schema = JsonSchemas.customResource("flinkstatesnapshots.flink.apache.org-v1.yml");
    List<String> deployed = flinkDeployments(Manifests.rendering("base")).stream().map(Manifests::name).toList();
    List<JsonNode> snapshots;
    try (Stream<Path> files = Files.list(Project.kubernetes().resolve("snapshots"))) {
      snapshots = files.flatMap(file -> YamlFiles.documents(file).stream()).toList();
    }
    assertThat(snapshots).isNotEmpty();
    for (JsonNode snapshot : snapshots) {
      assertThat(snapshot.path("kind").asText()).isEqualTo("FlinkStateSnapshot");
      assertThat(JsonSchemas.problems(schema, snapshot)).isEmpty();
      assertThat(snapshot.at("/spec/jobReference/name").asText()).isIn(deployed);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyJobUpgradesThroughSavepointsWithItsStateOnObjectStorageAndHighAvailability(List<ObjectNode> resources) {
    for (ObjectNode deployment : flinkDeployments(resources)) {
      JsonNode spec = deployment.path("spec");
      JsonNode configuration = spec.path("flinkConfiguration");
      assertThat(spec.path("flinkVersion").asText()).as(name(deployment)).isEqualTo("v2_2");
      assertThat(spec.at("/job/upgradeMode").asText()).as(name(deployment)).isEqualTo("savepoint");
      assertThat(configuration.path("high-availability.type").asText()).as(name(deployment)).isEqualTo("kubernetes");
      for (String directory : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
          "high-availability.storageDir")) {
        assertThat(configuration.path(directory).asText()).as(name(deployment) + " " + directory).startsWith("s3://");
      }
      assertThat(spec.path("serviceAccount").asText()).as(name(deployment))
          .isIn(Manifests.ofKind(resources, "ServiceAccount").stream().map(Manifests::name).toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void prometheusScrapesThePortTheReporterListensOn(List<ObjectNode> resources) {
    for (ObjectNode deployment : flinkDeployments(resources)) {
      JsonNode configuration = deployment.at("/spec/flinkConfiguration");
      JsonNode podTemplate = deployment.at("/spec/podTemplate");
      String port = configuration.path("metrics.reporter.prom.port").asText();
      assertThat(configuration.path("metrics.reporter.prom.factory.class").asText())
          .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      assertThat(podTemplate.at("/metadata/annotations").path("prometheus.io/port").asText()).isEqualTo(port);
      assertThat(podTemplate.at("/spec/containers/0/name").asText()).isEqualTo("flink-main-container");
      assertThat(podTemplate.at("/spec/containers/0/ports").findValuesAsText("containerPort")).contains(port);
    }
  }

  /**
   * Every Secret a deployment reads (mounted, or in an environment variable) is one that production's
   * secrets.example.yaml describes, with the key read; and every option that names a secret file names a file of a
   * Secret mounted in that deployment.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void secretsAreReadFromMountedSecretsThatTheExampleDescribes(List<ObjectNode> resources) {
    Map<String, JsonNode> examples = SecretMounts.examples();
    for (ObjectNode deployment : flinkDeployments(resources)) {
      SecretMounts mounts = SecretMounts.of(deployment);
      mounts.secretKeysReadFromEnvironment().forEach(file -> assertDescribed(examples, file));
      ProgramArguments.pairs(Manifests.args(deployment)).forEach((option, value) -> {
        if (ProgramArguments.SECRET_FILE_OPTIONS.contains(option)) {
          SecretMounts.SecretFile file = mounts.fileAt(value);
          assertThat(file).as(name(deployment) + " --" + option + " " + value + " is not in a mounted Secret").isNotNull();
          assertDescribed(examples, file);
        }
      });
    }
  }

  private static void assertDescribed(Map<String, JsonNode> examples, SecretMounts.SecretFile file) {
    assertThat(examples).as("secrets.example.yaml").containsKey(file.secret());
    assertThat(examples.get(file.secret()).has(file.key())).as(file.secret() + " has " + file.key()).isTrue();
  }
}
