package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values an enumerated field accepts, spelt as the file spells them: the Avro symbol in lower case with '-' for
 * '_' (ROUTE_NATIONALITY is route-nationality). Case is ignored when reading, since no two symbols differ by case only.
 */
final class Choices<E extends Enum<E>> {
  private final Map<String, E> bySpelling = new LinkedHashMap<>();

  @SafeVarargs
  private Choices(E... values) {
    Arrays.stream(values).forEach(value -> bySpelling.put(spelling(value), value));
  }

  @SafeVarargs
  static <E extends Enum<E>> Choices<E> of(E... values) {
    return new Choices<>(values);
  }

  Optional<E> read(YamlText text, Problems problems) {
    E value = bySpelling.get(text.value().strip().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (value == null) {
      text.report(problems,
          "must be one of " + String.join(", ", bySpelling.keySet()) + ", was '" + text.value() + "'");
    }
    return Optional.ofNullable(value);
  }

  static String spelling(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
