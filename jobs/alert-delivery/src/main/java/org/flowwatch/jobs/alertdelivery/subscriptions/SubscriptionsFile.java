package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.Subscription;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a subscriptions file: who receives which alerts, how and in which language. The file is read as YAML nodes
 * rather than objects so that every problem names its line and field, and every problem is reported at once.
 *
 * <pre>
 * subscriptions:
 *   - id: unhcr-agadez-protection        # [a-z0-9][a-z0-9._-]{0,63}, unique in the file
 *     name: UNHCR Agadez protection team
 *     language: fr                        # fr | en
 *     owner: protection-agadez@example.org   # optional: told when an endpoint is disabled
 *     channels:                           # at least one; each holds one of webhook, email, kafka
 *       - webhook:
 *           url: https://hooks.example.org/flowwatch   # http or https
 *           secrets: [unhcr-hook-2026]    # NAMES of signing secrets, one or more (rotation); never the values
 *           format: json                  # json (default) | cap
 *       - email:
 *           to: [protection-agadez@example.org]
 *       - kafka:
 *           topic: partners.unhcr.alerts  # created when missing
 *     filters:                            # all optional; a missing or empty list matches anything
 *       signals: [surge, collapse]        # surge | collapse | silence
 *       min-severity: medium              # low (default) | medium | high
 *       transitions: [opened, escalated, resolved]
 *       levels: [route, route-nationality, point]
 *       routes: [AGADEZ-LIBYA]            # codes of any registry: only their shape is checked
 *       points: [NE-AGZ-01]
 *       regions: [Agadez]
 *       nationalities: [NGA]              # ISO 3166-1 alpha-3, upper case
 *       directions: [outgoing]            # incoming | outgoing | transit
 *     delivery:                           # optional; immediate by default
 *       mode: digest                      # immediate | digest
 *       digest-at: "07:00"                # HH:mm, required for digest
 *       time-zone: Africa/Niamey          # zone id or offset, required for digest
 * </pre>
 *
 * <p>{@code subscriptions: []} is a set without subscriptions.
 *
 * docs/examples/subscriptions.yaml is a complete, commented example.
 */
public final class SubscriptionsFile {
  private static final List<String> SUBSCRIPTION_KEYS = List.of("id", "name", "language", "owner", "channels",
      "filters", "delivery");
  private static final Choices<Language> LANGUAGES = Choices.of(Language.values());

  private SubscriptionsFile() {}

  /**
   * The file's subscriptions, in the file's order.
   *
   * @param sourceName how problems name the file, e.g. its file name
   * @throws InvalidSubscriptionsException listing every problem, each as {@code <source> line <n>: <field>: <what>}
   */
  public static List<Subscription> parse(String sourceName, Reader reader) throws InvalidSubscriptionsException {
    Problems problems = new Problems(sourceName);
    Optional<Node> root = compose(reader, problems);
    List<Subscription> subscriptions = new ArrayList<>();
    root.flatMap(node -> YamlMapping.open(node, "", problems, List.of("subscriptions"))).ifPresent(file -> {
      Map<String, Integer> idLines = new HashMap<>();
      // An empty list is a set without subscriptions: applying it removes them all.
      if (file.value("subscriptions").isEmpty()) {
        problems.report(file.node(), file.path("subscriptions"), "is required: a list of subscriptions");
      }
      for (YamlMapping.Item item : file.list("subscriptions")) {
        YamlMapping.open(item.node(), item.path(), problems, SUBSCRIPTION_KEYS)
            .ifPresent(mapping -> subscriptions.add(subscription(mapping, idLines, problems)));
      }
    });
    // Subscriptions read from a file with problems may hold nulls where values were wrong: never returned.
    problems.throwIfAny();
    return List.copyOf(subscriptions);
  }

  private static Optional<Node> compose(Reader reader, Problems problems) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      if (root == null) {
        problems.reportFile("is empty; it must start with 'subscriptions:' and a list of subscriptions");
      }
      return Optional.ofNullable(root);
    } catch (MarkedYAMLException e) {
      problems.report(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
          "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      problems.reportFile("not valid YAML: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static Subscription subscription(YamlMapping mapping, Map<String, Integer> idLines, Problems problems) {
    String id = mapping.requiredText("id").filter(text -> FieldRules.id(text, problems))
        .filter(text -> unique(text, idLines, problems)).map(YamlText::value).orElse(null);
    String name = mapping.requiredText("name").filter(text -> FieldRules.notBlank(text, problems))
        .map(text -> text.value().strip()).orElse(null);
    Language language = mapping.requiredText("language").flatMap(text -> LANGUAGES.read(text, problems))
        .orElse(null);
    String owner = mapping.text("owner").filter(text -> FieldRules.address(text, problems)).map(YamlText::value)
        .orElse(null);
    ChannelSection.Channels channels = ChannelSection.read(mapping, problems);
    return new Subscription(id, name, language, owner, channels.webhooks(), channels.emails(),
        channels.kafkaTopics(), FilterSection.read(mapping, problems), DeliverySection.read(mapping, problems));
  }

  private static boolean unique(YamlText id, Map<String, Integer> idLines, Problems problems) {
    Integer first = idLines.putIfAbsent(id.value(), id.node().getStartMark().getLine() + 1);
    if (first != null) {
      id.report(problems, "duplicate id '" + id.value() + "', first used at line " + first);
    }
    return first == null;
  }
}
