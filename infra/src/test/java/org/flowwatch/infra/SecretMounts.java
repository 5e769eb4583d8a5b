package org.flowwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Secrets a FlinkDeployment's pods read: volumes mounted in the Flink container, and environment variables. */
final class SecretMounts {
  /** A file of a mounted Secret: the Secret's name and the key the file holds. */
  record SecretFile(String secret, String key) {}

  private final Map<String, String> secretByMountPath = new HashMap<>();
  private final List<SecretFile> environmentKeys = new ArrayList<>();

  private SecretMounts() {}

  static SecretMounts of(JsonNode deployment) {
    SecretMounts mounts = new SecretMounts();
    JsonNode pod = deployment.at("/spec/podTemplate/spec");
    Map<String, String> secretByVolume = new HashMap<>();
    pod.path("volumes").forEach(volume -> {
      if (volume.has("secret")) {
        secretByVolume.put(volume.path("name").asText(), volume.at("/secret/secretName").asText());
      }
    });
    JsonNode container = pod.path("containers").path(0);
    container.path("volumeMounts").forEach(mount -> {
      String secret = secretByVolume.get(mount.path("name").asText());
      if (secret != null) {
        mounts.secretByMountPath.put(mount.path("mountPath").asText(), secret);
      }
    });
    container.path("env").forEach(variable -> {
      JsonNode reference = variable.at("/valueFrom/secretKeyRef");
      if (!reference.isMissingNode()) {
        mounts.environmentKeys.add(new SecretFile(reference.path("name").asText(), reference.path("key").asText()));
      }
    });
    return mounts;
  }

  /** The Secret file at a path (a key of a Secret mounted as a directory), or null when no Secret is mounted there. */
  SecretFile fileAt(String path) {
    int slash = path.lastIndexOf('/');
    String secret = secretByMountPath.get(path.substring(0, Math.max(slash, 0)));
    return secret == null ? null : new SecretFile(secret, path.substring(slash + 1));
  }

  List<SecretFile> secretKeysReadFromEnvironment() {
    return environmentKeys;
  }

  /** The placeholder Secrets of overlays/production/secrets.example.yaml: name to their stringData. */
  static Map<String, JsonNode> examples() {
    Map<String, JsonNode> examples = new HashMap<>();
    YamlFiles.documents(Project.kubernetes().resolve("overlays/production/secrets.example.yaml"))
        .forEach(secret -> examples.put(Manifests.name(secret), secret.path("stringData")));
    return examples;
  }
}
