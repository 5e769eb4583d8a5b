package org.flowwatch.jobs.alertdelivery.channels.cap;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.flowwatch.jobs.alertdelivery.channels.webhook.DashboardLinks;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.jobs.common.xml.XmlDocuments;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.EarlierRevision;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OASIS CAP 1.2 messages (urn:oasis:names:tc:emergency:cap:1.2), one per alert change, for webhooks in the CAP format.
 *
 * <p>Each revision of an alert episode is one CAP message whose identifier and {@code sent} derive from the alert id,
 * the revision and the revision's {@code updatedAt}, never from the clock: a retry sends the same message, and a later
 * revision names every earlier one in {@code references} without storing what was sent.
 *
 * <p>An opened alert is an {@code Alert}; an escalation and a resolution are {@code Update}s referencing the earlier
 * revisions, the resolution with {@code responseType AllClear} and {@code urgency Past}. A resolution is not a
 * {@code Cancel}: CAP reserves Cancel for retracting messages issued in error, and these were not.
 */
public final class CapMessages {
  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
  public static final String CONTENT_TYPE = "application/cap+xml";
  /** CAP's dateTime: an explicit offset, never 'Z'. UTC throughout, so identical revisions give identical strings. */
  private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Hex digits of the alert id's SHA-256 in an identifier: 128 bits, and no character CAP forbids. */
  private static final int ID_DIGEST_BYTES = 16;

  private final String sender;
  private final DashboardLinks dashboardLinks;

  /**
   * @param sender who issues the messages, e.g. flowwatch@dtm.example.org: CAP forbids spaces, commas, '<' and '&' in it
   */
  public CapMessages(String sender, DashboardLinks dashboardLinks) {
    if (sender == null || sender.isBlank() || sender.matches(".*[\\s,<&].*")) {
      throw new IllegalArgumentException("the CAP sender must be non-empty without spaces, commas, '<' or '&': '"
          + sender + "'");
    }
    this.sender = sender;
    this.dashboardLinks = dashboardLinks;
  }

  /** Who issues the messages, e.g. for a feed's author, which names the same issuer as the messages it links. */
  public String sender() {
    return sender;
  }

  /** The CAP identifier of an alert's revision: urn:flowwatch:alert:&lt;digest of the alert id&gt;:&lt;revision&gt;. */
  public static String identifier(String alertId, int revision) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(alertId.getBytes(StandardCharsets.UTF_8));
      return "urn:flowwatch:alert:" + HexFormat.of().formatHex(hash, 0, ID_DIGEST_BYTES) + ":" + revision;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** CAP's form of an instant, e.g. 2026-11-30T08:00:00+00:00. */
  public static String sent(Instant instant) {
    return SENT.format(instant);
  }

  /** The CAP message, UTF-8, for one change of {@code message}, in its subscription's language. */
  public byte[] xml(AlertMessage message, AlertChange change) {
    return xml(change, message.getKind(), List.of(message.getSubscription().getLanguage()));
  }

  /**
   * The CAP message, UTF-8, for one change outside any subscription (the board's public feed), with one {@code info}
   * block per language in the given order: CAP lets a reader pick its language among several, and the identifier
   * stays that of the revision whatever the languages.
   */
  public byte[] xml(AlertChange change, MessageKind kind, List<Language> languages) {
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("a CAP message needs at least one language for its info block");
    }
    SurgeAlert alert = change.getAlert();
    Document document = XmlDocuments.newDocument();
    Element root = document.createElementNS(NAMESPACE, "alert");
    document.appendChild(root);
    Xml xml = new Xml(document);
    xml.add(root, "identifier", identifier(alert.getId(), alert.getRevision()));
    xml.add(root, "sender", sender);
    xml.add(root, "sent", sent(alert.getUpdatedAt()));
    xml.add(root, "status", kind == MessageKind.TEST ? "Test" : "Actual");
    xml.add(root, "msgType", change.getTransition() == Transition.OPENED ? "Alert" : "Update");
    xml.add(root, "scope", "Public");
    if (!change.getEarlier().isEmpty()) {
      xml.add(root, "references", references(alert.getId(), change.getEarlier()));
    }
    for (Language language : languages) {
      info(xml, xml.add(root, "info", null), change, language);
    }
    return XmlDocuments.serialise(document);
  }

  private void info(Xml xml, Element info, AlertChange change, Language language) {
    SurgeAlert alert = change.getAlert();
    boolean resolved = change.getTransition() == Transition.RESOLVED;
    xml.add(info, "language", language == Language.FR ? "fr-FR" : "en-US");
    // Movements of people are none of CAP's hazard categories (Geo, Met, Safety, Health, ...).
    xml.add(info, "category", "Other");
    xml.add(info, "event", AlertWording.event(alert.getSignal(), language));
    xml.add(info, "responseType", resolved ? "AllClear" : "Monitor");
    xml.add(info, "urgency", resolved ? "Past" : "Expected");
    xml.add(info, "severity", severity(alert.getSeverity()));
    xml.add(info, "certainty", "Observed");
    xml.add(info, "headline", AlertWording.headline(change, language));
    xml.add(info, "description", description(change, language));
    String link = dashboardLinks.forAlert(alert.getId());
    if (link != null) {
      xml.add(info, "web", link);
    }
    // A method without a baseline for the period (a silence, too little history) has no figure: no parameter.
    parameterIfFinite(xml, info, "observed", alert.getObserved());
    parameterIfFinite(xml, info, "expected", alert.getExpected());
    parameterIfFinite(xml, info, "threshold", alert.getThreshold());
    parameter(xml, info, "method", alert.getMethod());
    parameter(xml, info, "seriesKey", alert.getSeriesKey());
    parameter(xml, info, "revision", String.valueOf(alert.getRevision()));
    Element area = xml.add(info, "area", null);
    xml.add(area, "areaDesc", areaDescription(change, language));
    if (change.getLatitude() != null && change.getLongitude() != null) {
      // A point without a known radius is a circle of radius 0, as CAP represents points.
      double radius = change.getRadiusKm() == null ? 0.0 : change.getRadiusKm();
      xml.add(area, "circle", number(change.getLatitude()) + "," + number(change.getLongitude()) + " "
          + number(radius));
    }
  }

  private String references(String alertId, List<EarlierRevision> earlier) {
    List<String> references = new ArrayList<>();
    for (EarlierRevision revision : earlier) {
      references.add(sender + "," + identifier(alertId, revision.getRevision()) + "," + sent(revision.getUpdatedAt()));
    }
    return String.join(" ", references);
  }

  private static String severity(AlertSeverity severity) {
    return switch (severity) {
      case LOW -> "Minor";
      case MEDIUM -> "Moderate";
      case HIGH -> "Severe";
    };
  }

  /** "Surge alert opened. 412 observed vs 180 expected; route AGADEZ-LIBYA, outgoing; since 2026-11-30 08:00 UTC." */
  private static String description(AlertChange change, Language language) {
    SurgeAlert alert = change.getAlert();
    String separator = language == Language.FR ? " ; " : "; ";
    return AlertWording.title(change, language) + ". " + AlertWording.observedVsExpected(alert, language) + separator
        + AlertWording.where(alert, language) + separator + AlertWording.since(alert, language) + ".";
  }

  /** The area's name and its regions, e.g. "AGADEZ-LIBYA (Agadez, Tahoua)"; the series when no name is known. */
  private static String areaDescription(AlertChange change, Language language) {
    String name = change.getAreaName() != null ? change.getAreaName() : AlertWording.where(change.getAlert(), language);
    return change.getRegions().isEmpty() ? name : name + " (" + String.join(", ", change.getRegions()) + ")";
  }

  private static void parameterIfFinite(Xml xml, Element info, String name, double value) {
    if (Double.isFinite(value)) {
      parameter(xml, info, name, number(value));
    }
  }

  private static void parameter(Xml xml, Element info, String name, String value) {
    Element parameter = xml.add(info, "parameter", null);
    xml.add(parameter, "valueName", name);
    xml.add(parameter, "value", value);
  }

  /** Shortest plain decimal: 412, 180.4; never exponents. */
  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Appends CAP elements, all in CAP's namespace. */
  private record Xml(Document document) {
    Element add(Element parent, String name, String text) {
      Element element = document.createElementNS(NAMESPACE, name);
      if (text != null) {
        element.setTextContent(text);
      }
      parent.appendChild(element);
      return element;
    }
  }
}
