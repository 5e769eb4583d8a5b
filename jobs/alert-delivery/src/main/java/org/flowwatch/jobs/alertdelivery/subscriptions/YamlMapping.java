package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping of the file, read through the node API so that every value keeps its line. Unknown and repeated keys are
 * reported when it is opened (a misspelt optional key would otherwise silently mean "not set"); wrong types when a
 * value is read. A missing value and an explicit null ({@code key:} or {@code key: ~}) both count as not given.
 */
final class YamlMapping {
  private final Node node;
  private final String path;
  private final Problems problems;
  private final Map<String, Node> values = new LinkedHashMap<>();

  private YamlMapping(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * The mapping at {@code node}, or empty (reported) when it is something else; a null node is an empty mapping.
   *
   * @param allowedKeys every key the mapping may have, in the order the error message lists them
   */
  static Optional<YamlMapping> open(Node node, String path, Problems problems, List<String> allowedKeys) {
    YamlMapping mapping = new YamlMapping(node, path, problems);
    if (isNull(node)) {
      return Optional.of(mapping);
    }
    if (!(node instanceof MappingNode mappingNode)) {
      problems.report(node, path, "must be a mapping of " + String.join(", ", allowedKeys) + ", was " + kind(node));
      return Optional.empty();
    }
    for (NodeTuple tuple : mappingNode.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : kind(keyNode);
      String keyPath = mapping.path(key);
      if (!allowedKeys.contains(key)) {
        problems.report(keyNode, keyPath, "unknown key; allowed here: " + String.join(", ", allowedKeys));
      } else if (mapping.values.containsKey(key)) {
        problems.report(keyNode, keyPath, "given twice (first at line "
            + (mapping.values.get(key).getStartMark().getLine() + 1) + ")");
      } else {
        mapping.values.put(key, tuple.getValueNode());
      }
    }
    return Optional.of(mapping);
  }

  Node node() {
    return node;
  }

  String path() {
    return path;
  }

  /** The keys present with a value other than null, in the file's order. */
  List<String> keys() {
    return values.entrySet().stream().filter(entry -> !isNull(entry.getValue())).map(Map.Entry::getKey).toList();
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value under {@code key}; empty when missing or null. */
  Optional<Node> value(String key) {
    return Optional.ofNullable(values.get(key)).filter(value -> !isNull(value));
  }

  /** The scalar under {@code key}; empty when missing or null, and (reported) when it is a list or a mapping. */
  Optional<YamlText> text(String key) {
    return value(key).flatMap(value -> text(value, path(key), problems));
  }

  /** Like {@link #text(String)}, and a missing value is reported as required. */
  Optional<YamlText> requiredText(String key) {
    if (value(key).isEmpty()) {
      problems.report(values.getOrDefault(key, node), path(key), "is required");
      return Optional.empty();
    }
    return text(key);
  }

  /** The items of the list under {@code key}, each with its path ({@code key[i]}); missing or null is an empty list. */
  List<Item> list(String key) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.report(value.get(), path(key), "must be a list, e.g. [a, b], was " + kind(value.get()));
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new Item(sequence.getValue().get(i), path(key) + "[" + i + "]"));
    }
    return items;
  }

  /** The scalars of the list under {@code key}; items that are not scalars are reported and left out. */
  List<YamlText> texts(String key) {
    return scalars(list(key));
  }

  /** Like {@link #list(String)}, and a missing or empty list is reported: it needs what {@code needed} says. */
  List<Item> requiredList(String key, String needed) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      problems.report(values.getOrDefault(key, node), path(key), "is required: " + needed);
    } else if (value.get() instanceof SequenceNode sequence && sequence.getValue().isEmpty()) {
      problems.report(value.get(), path(key), "must not be empty: " + needed);
    }
    return list(key);
  }

  /** Like {@link #texts(String)}, and a missing or empty list is reported: it needs what {@code needed} says. */
  List<YamlText> requiredTexts(String key, String needed) {
    return scalars(requiredList(key, needed));
  }

  private List<YamlText> scalars(List<Item> items) {
    return items.stream().flatMap(item -> text(item.node(), item.path(), problems).stream()).toList();
  }

  /** One item of a list. */
  record Item(Node node, String path) {}

  static Optional<YamlText> text(Node node, String path, Problems problems) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return Optional.of(new YamlText(scalar.getValue(), node, path));
    }
    problems.report(node, path, "must be a single value, was " + kind(node));
    return Optional.empty();
  }

  private static boolean isNull(Node node) {
    return node == null || Tag.NULL.equals(node.getTag());
  }

  private static String kind(Node node) {
    if (isNull(node)) {
      return "empty";
    }
    return switch (node.getNodeId()) {
      case mapping -> "a mapping";
      case sequence -> "a list";
      default -> "a single value";
    };
  }
}
