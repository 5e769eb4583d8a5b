package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flowwatch.schema.delivery.DigestSchedule;

/** A subscription's {@code delivery}: immediate (the default) or a daily digest at a local time. */
final class DeliverySection {
  private static final List<String> KEYS = List.of("mode", "digest-at", "time-zone");
  private static final Pattern LOCAL_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  enum Mode { IMMEDIATE, DIGEST }

  private static final Choices<Mode> MODES = Choices.of(Mode.values());

  private DeliverySection() {}

  /** The digest schedule, or null for immediate delivery. */
  static DigestSchedule read(YamlMapping subscription, Problems problems) {
    Optional<YamlMapping> delivery = subscription.value("delivery")
        .flatMap(node -> YamlMapping.open(node, subscription.path("delivery"), problems, KEYS));
    if (delivery.isEmpty()) {
      return null;
    }
    YamlMapping mapping = delivery.get();
    Optional<YamlText> modeText = mapping.text("mode");
    Optional<Mode> mode = modeText.isEmpty() ? Optional.of(Mode.IMMEDIATE) : MODES.read(modeText.get(), problems);
    if (mode.isEmpty()) {
      return null; // not a mode: reported
    }
    if (mode.get() == Mode.IMMEDIATE) {
      // A digest time without the digest mode is most likely a forgotten mode: say so rather than ignore it.
      for (String key : List.of("digest-at", "time-zone")) {
        mapping.text(key).ifPresent(text -> text.report(problems, "applies only with mode: digest"));
      }
      return null;
    }
    String localTime = mapping.requiredText("digest-at").filter(text -> localTime(text, problems))
        .map(YamlText::value).orElse(null);
    String timeZone = mapping.requiredText("time-zone").filter(text -> timeZone(text, problems))
        .map(text -> text.value().strip()).orElse(null);
    return new DigestSchedule(localTime, timeZone);
  }

  private static boolean localTime(YamlText text, Problems problems) {
    if (!LOCAL_TIME.matcher(text.value()).matches()) {
      text.report(problems, "must be a time of day HH:mm, quoted, e.g. \"07:00\", was '" + text.value() + "'");
      return false;
    }
    return true;
  }

  private static boolean timeZone(YamlText text, Problems problems) {
    try {
      ZoneId.of(text.value().strip());
      return true;
    } catch (DateTimeException e) {
      text.report(problems, "must be a time zone id such as Africa/Niamey or an offset such as +01:00, was '"
          + text.value() + "'");
      return false;
    }
  }
}
