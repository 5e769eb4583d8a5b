package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.flowwatch.infra.Manifests.flinkDeployments;
import static org.flowwatch.infra.Manifests.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rendered FlinkDeployment runs a flowwatch job as its code declares it, from the jar the image holds. */
class ManifestsMatchJobsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyJobIsDeployedOnceByItsMainClass(List<ObjectNode> resources) {
    assertThat(flinkDeployments(resources)).extracting(deployment -> deployment.at("/spec/job/entryClass").asText())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(FlowwatchJob.values()).map(job -> job.mainClass())
            .toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyJobRunsItsOwnJarFromTheImage(List<ObjectNode> resources) {
    Dockerfile dockerfile = Dockerfile.read();
    for (ObjectNode deployment : flinkDeployments(resources)) {
      FlowwatchJob job = job(deployment);
      assertThat(deployment.at("/spec/job/jarURI").asText()).as(name(deployment))
          .isEqualTo("local://" + ImageJars.path(job));
      assertThat(dockerfile.copiedFiles()).as("the Dockerfile's copies").containsEntry(ImageJars.path(job), ImageJars.built(job));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyJobsArgumentsStartIt(List<ObjectNode> resources) {
    for (ObjectNode deployment : flinkDeployments(resources)) {
      assertThatCode(() -> ProgramArguments.topicsAtStartUp(job(deployment), Manifests.args(deployment)))
          .as(name(deployment)).doesNotThrowAnyException();
    }
  }

  /** The job sets its operators' parallelism itself (--parallelism): the operator's must be the same. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void theOperatorsParallelismIsTheJobs(List<ObjectNode> resources) {
    for (ObjectNode deployment : flinkDeployments(resources)) {
      String jobsOwn = ProgramArguments.pairs(Manifests.args(deployment))
          .getOrDefault(CommonOptions.PARALLELISM.key(), String.valueOf(CommonOptions.PARALLELISM.defaultValue()));
      int parallelism = deployment.at("/spec/job/parallelism").asInt();
      assertThat(String.valueOf(parallelism)).as(name(deployment)).isEqualTo(jobsOwn);
      assertThat(parallelism).as(name(deployment)).isBetween(1, JobEnvironment.MAX_PARALLELISM);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.flowwatch.infra.Manifests#renderings")
  void everyJobRunsTheProjectsImageOfThisVersion(List<ObjectNode> resources) {
    for (ObjectNode deployment : flinkDeployments(resources)) {
      assertThat(deployment.at("/spec/image").asText()).as(name(deployment))
          .matches("(.+/)?flowwatch:" + Pattern.quote(Project.version()));
    }
  }

  private static FlowwatchJob job(JsonNode deployment) {
    return ImageJars.byMainClass(deployment.at("/spec/job/entryClass").asText());
  }
}
