package org.flowwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer of the kustomize subset: what it does, and that it refuses what it does not do. */
class KustomizeTest {
  private static final String DEPLOYMENTS = """
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata: {name: one}
      spec: {image: a, job: {args: [--parallelism, "2"], parallelism: 2}}
      ---
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata: {name: two}
      spec: {image: a, job: {args: [--parallelism, "2"], parallelism: 2}}
      """;

  @TempDir
  Path directory;

  @Test
  void aStrategicMergePatchWithATargetMergesIntoEveryResourceItSelects() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml, target: {kind: FlinkDeployment}}]");
    writeBeside("p.yaml", "kind: FlinkDeployment\nmetadata: {name: label-only}\nspec: {image: b, jobManager: {replicas: 2}}");

    List<ObjectNode> rendered = Kustomize.render(directory);

    assertThat(rendered).extracting(Manifests::name).containsExactly("one", "two");
    assertThat(rendered).allSatisfy(resource -> {
      assertThat(resource.at("/spec/image").asText()).isEqualTo("b");
      assertThat(resource.at("/spec/jobManager/replicas").asInt()).isEqualTo(2);
      assertThat(resource.at("/spec/job/parallelism").asInt()).isEqualTo(2);
    });
  }

  @Test
  void aStrategicMergePatchWithoutATargetSelectsByItsKindAndNameAndNullRemoves() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml}]");
    writeBeside("p.yaml", "kind: FlinkDeployment\nmetadata: {name: two}\nspec: {image: null}");

    List<ObjectNode> rendered = Kustomize.render(directory);

    assertThat(rendered.get(0).at("/spec/image").asText()).isEqualTo("a");
    assertThat(rendered.get(1).at("/spec/image").isMissingNode()).isTrue();
  }

  @Test
  void aJsonPatchAddsReplacesAndTestsByPosition() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml, target: {name: one}}]");
    writeBeside("p.yaml", """
        - {op: test, path: /spec/job/args/0, value: --parallelism}
        - {op: replace, path: /spec/job/args/1, value: "4"}
        - {op: add, path: /spec/job/args/-, value: --bounded}
        - {op: add, path: /spec/job/args/2, value: --first}
        - {op: remove, path: /spec/image}
        """);

    List<ObjectNode> rendered = Kustomize.render(directory);

    assertThat(Manifests.args(rendered.get(0))).containsExactly("--parallelism", "4", "--first", "--bounded");
    assertThat(rendered.get(0).at("/spec/image").isMissingNode()).isTrue();
    assertThat(Manifests.args(rendered.get(1))).containsExactly("--parallelism", "2");
  }

  @Test
  void aFailedTestStopsTheRendering() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml, target: {name: one}}]");
    writeBeside("p.yaml", "- {op: test, path: /spec/job/args/0, value: --kafka.bootstrap-servers}");

    assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("test of /spec/job/args/0 failed");
  }

  @Test
  void aListInBothTheResourceAndAStrategicMergePatchIsRefused() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml, target: {name: one}}]");
    writeBeside("p.yaml", "kind: FlinkDeployment\nmetadata: {name: one}\nspec: {job: {args: [--bounded, \"true\"]}}");

    assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("/spec/job/args");
  }

  @Test
  void aPatchThatSelectsNothingIsRefused() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\npatches: [{path: p.yaml, target: {name: three}}]");
    writeBeside("p.yaml", "- {op: remove, path: /spec/image}");

    assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("matches no resource");
  }

  @Test
  void aFeatureOutsideTheSubsetIsRefusedByName() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\nnamePrefix: x-");

    assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("'namePrefix'");
  }

  @Test
  void aSelectorOutsideTheSubsetIsRefusedByName() throws IOException {
    writeBeside("kustomization.yaml", "resources: [deployments.yaml]\n"
        + "patches: [{path: p.yaml, target: {labelSelector: app=x}}]");
    writeBeside("p.yaml", "- {op: remove, path: /spec/image}");

    assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("'labelSelector'");
  }

  @Test
  void anOverlayRendersItsBaseDirectory() throws IOException {
    Files.createDirectories(directory.resolve("base"));
    Files.writeString(directory.resolve("base/kustomization.yaml"), "resources: [deployments.yaml]");
    Files.writeString(directory.resolve("base/deployments.yaml"), DEPLOYMENTS);
    Files.createDirectories(directory.resolve("overlay"));
    Files.writeString(directory.resolve("overlay/kustomization.yaml"),
        "resources: [../base]\npatches: [{path: p.yaml, target: {name: two}}]");
    Files.writeString(directory.resolve("overlay/p.yaml"), "- {op: replace, path: /spec/image, value: c}");

    assertThat(Kustomize.render(directory.resolve("overlay"))).extracting(r -> r.at("/spec/image").asText())
        .containsExactly("a", "c");
  }

  /** Writes a file beside deployments.yaml (two FlinkDeployments, "one" and "two"). */
  private void writeBeside(String name, String text) throws IOException {
    Files.writeString(directory.resolve("deployments.yaml"), DEPLOYMENTS);
    Files.writeString(directory.resolve(name), text);
  }
}
