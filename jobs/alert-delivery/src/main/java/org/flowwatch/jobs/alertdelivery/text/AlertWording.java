package org.flowwatch.jobs.alertdelivery.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.Transition;

/**
 * The words every channel uses for an alert change, in French and English: one place, so that the email, the JSON
 * payload's text and the CAP headline say the same thing. Niger's services work in French.
 */
public final class AlertWording {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private AlertWording() {}

  public static String signal(AlertSignal signal, Language language) {
    return switch (signal) {
      case SURGE -> fr(language) ? "afflux" : "surge";
      case COLLAPSE -> fr(language) ? "effondrement" : "collapse";
      case SILENCE -> fr(language) ? "silence" : "silence";
    };
  }

  /** The transition, agreeing with "alerte" (feminine) in French. */
  public static String transition(Transition transition, Language language) {
    return switch (transition) {
      case OPENED -> fr(language) ? "ouverte" : "opened";
      case ESCALATED -> fr(language) ? "aggravée" : "escalated";
      case RESOLVED -> fr(language) ? "résolue" : "resolved";
    };
  }

  public static String severity(AlertSeverity severity, Language language) {
    return switch (severity) {
      case LOW -> fr(language) ? "faible" : "low";
      case MEDIUM -> fr(language) ? "moyenne" : "medium";
      case HIGH -> fr(language) ? "élevée" : "high";
    };
  }

  public static String direction(Direction direction, Language language) {
    return switch (direction) {
      case INCOMING -> fr(language) ? "entrées" : "incoming";
      case OUTGOING -> fr(language) ? "sorties" : "outgoing";
      case TRANSIT -> "transit";
      case UNKNOWN -> fr(language) ? "sens inconnu" : "direction unknown";
    };
  }

  /** Where: "route AGADEZ-LIBYA, outgoing, nationals of NGA" / "axe AGADEZ-LIBYA, sorties, ressortissants NGA". */
  public static String where(SurgeAlert alert, Language language) {
    List<String> parts = new ArrayList<>();
    if (alert.getPointCode() != null) {
      parts.add((fr(language) ? "point " : "point ") + alert.getPointCode());
    }
    if (alert.getRoute() != null) {
      parts.add((fr(language) ? "axe " : "route ") + alert.getRoute());
    }
    if (alert.getDirection() != null) {
      parts.add(direction(alert.getDirection(), language));
    }
    if (alert.getNationality() != null) {
      parts.add((fr(language) ? "ressortissants " : "nationals of ") + alert.getNationality());
    }
    return parts.isEmpty() ? alert.getSeriesKey() : String.join(", ", parts);
  }

  /** The kind of event, as a CAP {@code event} names it: "Migration flow surge" / "Afflux de mouvements migratoires". */
  public static String event(AlertSignal signal, Language language) {
    return switch (signal) {
      case SURGE -> fr(language) ? "Afflux de mouvements migratoires" : "Migration flow surge";
      case COLLAPSE -> fr(language) ? "Effondrement des mouvements migratoires" : "Migration flow collapse";
      case SILENCE -> fr(language) ? "Point de suivi silencieux" : "Monitoring point silent";
    };
  }

  /** "Surge alert opened" / "Alerte afflux ouverte". */
  public static String title(AlertChange change, Language language) {
    String signal = signal(change.getAlert().getSignal(), language);
    String transition = transition(change.getTransition(), language);
    return fr(language) ? "Alerte " + signal + " " + transition
        : capitalise(signal) + " alert " + transition;
  }

  /** The title of a digest's section of changes with this transition: "Opened alerts" / "Alertes ouvertes". */
  public static String digestSection(Transition transition, Language language) {
    return switch (transition) {
      case OPENED -> fr(language) ? "Alertes ouvertes" : "Opened alerts";
      case ESCALATED -> fr(language) ? "Alertes aggravées" : "Escalated alerts";
      case RESOLVED -> fr(language) ? "Alertes résolues" : "Resolved alerts";
    };
  }

  /** "412 observed vs 180 expected" / "412 observés contre 180 attendus". */
  public static String observedVsExpected(SurgeAlert alert, Language language) {
    long observed = Math.round(alert.getObserved());
    if (!Double.isFinite(alert.getExpected())) {
      return fr(language) ? observed + " observés" : observed + " observed"; // no baseline for the period
    }
    long expected = Math.round(alert.getExpected());
    return fr(language) ? observed + " observés contre " + expected + " attendus"
        : observed + " observed vs " + expected + " expected";
  }

  /** One line: title, where, observed vs expected. */
  public static String headline(AlertChange change, Language language) {
    return title(change, language) + (fr(language) ? " : " : ": ") + where(change.getAlert(), language) + " ("
        + observedVsExpected(change.getAlert(), language) + ")";
  }

  /** "since 2026-11-30 08:00 UTC" / "depuis le 2026-11-30 08:00 UTC". */
  public static String since(SurgeAlert alert, Language language) {
    return (fr(language) ? "depuis le " : "since ") + time(alert.getOpenedAt());
  }

  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  private static boolean fr(Language language) {
    return language == Language.FR;
  }

  private static String capitalise(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
