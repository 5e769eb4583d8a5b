package org.flowwatch.infra;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl apply -k} would, for the subset of kustomize that infra/kubernetes
 * uses, so that the tests check what would be applied rather than the pieces. The subset:
 * <ul>
 *   <li>{@code resources}: YAML files (several documents each) and directories holding a kustomization.yaml;</li>
 *   <li>{@code patches}, each from a {@code path}, applied in order, with an optional {@code target} selecting by
 *       {@code kind} and/or {@code name} (without one, a strategic-merge patch selects by its own kind and name):
 *     <ul>
 *       <li>a strategic-merge patch (a YAML mapping): mappings merge key by key, a null value removes the key. A list
 *           present in both the resource and the patch is refused: kustomize merges such lists by keys taken from
 *           the resource's schema, which it does not have for custom resources, so the result would depend on the
 *           kustomize version. Use a JSON 6902 patch for lists;</li>
 *       <li>a JSON 6902 patch (a YAML list of operations): add, replace, remove and test.</li>
 *     </ul>
 *   </li>
 * </ul>
 * Anything else (a kustomization field, a patch given inline, a target by label) is refused with its name, so that the
 * subset cannot be left unnoticed.
 */
final class Kustomize {
  private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "patches");
  private static final Set<String> SUPPORTED_PATCH_FIELDS = Set.of("path", "target");
  private static final Set<String> SUPPORTED_TARGET_FIELDS = Set.of("kind", "name");

  private Kustomize() {}

  static List<ObjectNode> render(Path directory) {
    Path file = directory.resolve("kustomization.yaml");
    JsonNode kustomization = YamlFiles.document(file);
    requireSupported(kustomization, SUPPORTED_FIELDS, file);
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = directory.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(render(path));
      } else {
        YamlFiles.documents(path).forEach(document -> resources.add((ObjectNode) document));
      }
    }
    for (JsonNode patch : kustomization.path("patches")) {
      requireSupported(patch, SUPPORTED_PATCH_FIELDS, file);
      requireSupported(patch.path("target"), SUPPORTED_TARGET_FIELDS, file);
      Path path = directory.resolve(patch.path("path").asText()).normalize();
      applyPatch(resources, YamlFiles.document(path), patch.get("target"), path);
    }
    return resources;
  }

  private static void requireSupported(JsonNode node, Set<String> supported, Path file) {
    node.fieldNames().forEachRemaining(field -> {
      if (!supported.contains(field)) {
        throw new IllegalArgumentException(file + ": '" + field + "' is outside the kustomize subset the tests render "
            + supported);
      }
    });
  }

  private static void applyPatch(List<ObjectNode> resources, JsonNode patch, JsonNode target, Path source) {
    if (patch.isArray() && target == null) {
      throw new IllegalArgumentException(source + ": a JSON 6902 patch needs a target");
    }
    JsonNode selector = target != null ? target : selectorOf(patch);
    List<ObjectNode> selected = resources.stream().filter(resource -> matches(resource, selector)).toList();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(source + ": the patch's target " + selector + " matches no resource");
    }
    for (ObjectNode resource : selected) {
      String where = source + " on " + resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
      if (patch.isArray()) {
        patch.forEach(operation -> JsonPatch.apply(resource, operation, where));
      } else {
        ObjectNode body = patch.deepCopy();
        // The patch's own name only selects (or, with a target, labels the file): the resource keeps its names.
        if (body.path("metadata").isObject()) {
          ((ObjectNode) body.get("metadata")).remove(List.of("name", "namespace"));
        }
        mergeInto(resource, body, where, "");
      }
    }
  }

  private static JsonNode selectorOf(JsonNode patch) {
    return YamlFiles.JSON.valueToTree(Map.of("kind", patch.path("kind").asText(),
        "name", patch.path("metadata").path("name").asText()));
  }

  private static boolean matches(JsonNode resource, JsonNode selector) {
    return matchesField(selector, "kind", resource.path("kind").asText())
        && matchesField(selector, "name", resource.path("metadata").path("name").asText());
  }

  private static boolean matchesField(JsonNode selector, String field, String value) {
    return !selector.has(field) || selector.get(field).asText().equals(value);
  }

  private static void mergeInto(ObjectNode resource, JsonNode patch, String where, String path) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = resource.get(key);
      if (value.isNull()) {
        resource.remove(key);
      } else if (value.isObject() && existing != null && existing.isObject()) {
        mergeInto((ObjectNode) existing, value, where, path + "/" + key);
      } else if (value.isArray() && existing != null && existing.isArray()) {
        throw new IllegalArgumentException(where + ": the list " + path + "/" + key + " is in both the resource and a "
            + "strategic-merge patch; patch lists with a JSON 6902 patch");
      } else {
        resource.set(key, value.deepCopy());
      }
    }
  }

  /** RFC 6902 operations on a Jackson tree: add, replace, remove, test. */
  static final class JsonPatch {
    private JsonPatch() {}

    static void apply(ObjectNode document, JsonNode operation, String where) {
      String op = operation.path("op").asText();
      String path = operation.path("path").asText();
      JsonPointer pointer = JsonPointer.compile(path);
      JsonNode value = operation.get("value");
      switch (op) {
        case "test" -> {
          if (!document.at(pointer).equals(value)) {
            throw new IllegalArgumentException(where + ": test of " + path + " failed: expected " + value + ", found "
                + (document.at(pointer).isMissingNode() ? "nothing" : document.at(pointer)));
          }
        }
        case "add" -> add(parent(document, pointer, path, where), pointer.last(), value.deepCopy(), path, where);
        case "replace" -> {
          requirePresent(document, pointer, path, where);
          JsonNode parent = parent(document, pointer, path, where);
          if (parent.isArray()) {
            ((ArrayNode) parent).set(index(pointer.last(), path, where), value.deepCopy());
          } else {
            ((ObjectNode) parent).set(pointer.last().getMatchingProperty(), value.deepCopy());
          }
        }
        case "remove" -> {
          requirePresent(document, pointer, path, where);
          JsonNode parent = parent(document, pointer, path, where);
          if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(pointer.last(), path, where));
          } else {
            ((ObjectNode) parent).remove(pointer.last().getMatchingProperty());
          }
        }
        default -> throw new IllegalArgumentException(where + ": operation '" + op + "' is outside the subset "
            + "(add, replace, remove, test)");
      }
    }

    private static void add(JsonNode parent, JsonPointer last, JsonNode value, String path, String where) {
      if (parent.isObject()) {
        ((ObjectNode) parent).set(last.getMatchingProperty(), value);
      } else if (last.getMatchingProperty().equals("-")) {
        ((ArrayNode) parent).add(value);
      } else {
        int index = index(last, path, where);
        if (index > parent.size()) {
          throw new IllegalArgumentException(where + ": cannot add at " + path + ": the list has " + parent.size()
              + " items");
        }
        ((ArrayNode) parent).insert(index, value);
      }
    }

    private static JsonNode parent(JsonNode document, JsonPointer pointer, String path, String where) {
      JsonNode parent = document.at(pointer.head());
      if (!parent.isContainerNode()) {
        throw new IllegalArgumentException(where + ": " + path + ": its parent does not exist");
      }
      return parent;
    }

    private static void requirePresent(JsonNode document, JsonPointer pointer, String path, String where) {
      if (document.at(pointer).isMissingNode()) {
        throw new IllegalArgumentException(where + ": " + path + " does not exist");
      }
    }

    private static int index(JsonPointer last, String path, String where) {
      if (last.getMatchingIndex() < 0) {
        throw new IllegalArgumentException(where + ": " + path + " does not end in a list index");
      }
      return last.getMatchingIndex();
    }
  }
}
