package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The Kubernetes manifests of infra/kubernetes as they would be applied: the base and each overlay, rendered. */
final class Manifests {
  private Manifests() {}

  /** base/ and every overlays/* directory, each rendered, named by its directory. */
  static Stream<Named<List<ObjectNode>>> renderings() {
    List<Path> directories = new ArrayList<>();
    directories.add(Project.kubernetes().resolve("base"));
    try (Stream<Path> overlays = Files.list(Project.kubernetes().resolve("overlays"))) {
      overlays.filter(Files::isDirectory).sorted().forEach(directories::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directories.stream()
        .map(directory -> Named.of(Project.kubernetes().relativize(directory).toString(), Kustomize.render(directory)));
  }

  static List<ObjectNode> rendering(String directory) {
    return Kustomize.render(Project.kubernetes().resolve(directory));
  }

  static List<ObjectNode> ofKind(List<ObjectNode> resources, String kind) {
    return resources.stream().filter(resource -> resource.path("kind").asText().equals(kind)).toList();
  }

  static List<ObjectNode> flinkDeployments(List<ObjectNode> resources) {
    return ofKind(resources, "FlinkDeployment");
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  static List<String> args(JsonNode flinkDeployment) {
    List<String> args = new ArrayList<>();
    flinkDeployment.path("spec").path("job").path("args").forEach(arg -> args.add(arg.asText()));
    return args;
  }
}
