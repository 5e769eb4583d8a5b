package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.List;
import java.util.function.BiPredicate;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.Transition;

/**
 * A subscription's {@code filters}. Every filter is optional and a missing or empty list matches anything. Route and
 * point codes are not looked up in a registry, since deployments bring their own: only their shape is checked.
 */
final class FilterSection {
  private static final List<String> KEYS = List.of("signals", "min-severity", "transitions", "levels", "routes",
      "points", "regions", "nationalities", "directions");
  private static final Choices<AlertSignal> SIGNALS = Choices.of(AlertSignal.values());
  private static final Choices<AlertSeverity> SEVERITIES = Choices.of(AlertSeverity.values());
  private static final Choices<Transition> TRANSITIONS = Choices.of(Transition.values());
  private static final Choices<SeriesLevel> LEVELS = Choices.of(SeriesLevel.values());
  // UNKNOWN is how the registry says it does not know: no alert series is about it.
  private static final Choices<Direction> DIRECTIONS = Choices.of(Direction.INCOMING, Direction.OUTGOING,
      Direction.TRANSIT);

  private FilterSection() {}

  static SubscriptionFilters read(YamlMapping subscription, Problems problems) {
    SubscriptionFilters.Builder filters = SubscriptionFilters.newBuilder();
    subscription.value("filters")
        .flatMap(node -> YamlMapping.open(node, subscription.path("filters"), problems, KEYS))
        .ifPresent(mapping -> {
          filters.setSignals(choices(mapping, "signals", SIGNALS, problems));
          filters.setMinSeverity(mapping.text("min-severity").flatMap(text -> SEVERITIES.read(text, problems))
              .orElse(AlertSeverity.LOW));
          filters.setTransitions(choices(mapping, "transitions", TRANSITIONS, problems));
          filters.setLevels(choices(mapping, "levels", LEVELS, problems));
          filters.setRoutes(texts(mapping, "routes", FieldRules::code, problems));
          filters.setPoints(texts(mapping, "points", FieldRules::code, problems));
          // Region names are the registry's admin regions, which may hold spaces in other countries.
          filters.setRegions(texts(mapping, "regions", FieldRules::notBlank, problems));
          filters.setNationalities(texts(mapping, "nationalities", FieldRules::nationality, problems));
          filters.setDirections(choices(mapping, "directions", DIRECTIONS, problems));
        });
    return filters.build();
  }

  private static <E extends Enum<E>> List<E> choices(YamlMapping mapping, String key, Choices<E> choices,
      Problems problems) {
    return mapping.texts(key).stream().flatMap(text -> choices.read(text, problems).stream()).distinct().toList();
  }

  private static List<String> texts(YamlMapping mapping, String key, BiPredicate<YamlText, Problems> rule,
      Problems problems) {
    return mapping.texts(key).stream().filter(text -> rule.test(text, problems)).map(YamlText::value).distinct()
        .toList();
  }
}
