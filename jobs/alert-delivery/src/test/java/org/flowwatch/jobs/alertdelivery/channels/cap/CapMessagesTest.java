package org.flowwatch.jobs.alertdelivery.channels.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.routeSurge;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.silentPoint;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.flowwatch.jobs.alertdelivery.channels.webhook.DashboardLinks;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

class CapMessagesTest {
  private static final String SENDER = "flowwatch@dtm.example.org";
  private static final CapMessages CAP = new CapMessages(SENDER, new DashboardLinks("https://dash.example.org/a/{alertId}"));

  static Stream<Arguments> changes() {
    return Stream.of(Language.FR, Language.EN).flatMap(language -> Stream.of(
        Arguments.of(Transition.OPENED, language), Arguments.of(Transition.ESCALATED, language),
        Arguments.of(Transition.RESOLVED, language)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("changes")
  void everyTransitionIsValidCap(Transition transition, Language language) throws Exception {
    AlertChange change = routeSurge(transition);

    byte[] xml = CAP.xml(message(MessageKind.IMMEDIATE, language, change), change);

    validate(xml);
    Document cap = parse(xml);
    assertThat(text(cap, "info/headline")).isEqualTo(AlertWording.headline(change, language));
    assertThat(text(cap, "info/language")).isEqualTo(language == Language.FR ? "fr-FR" : "en-US");
  }

  @Test
  void aPointWithoutCoordinatesAndATestMessageAreValidCapToo() throws Exception {
    AlertChange change = silentPoint();

    byte[] xml = CAP.xml(message(MessageKind.TEST, Language.EN, change), change);

    validate(xml);
    Document cap = parse(xml);
    assertThat(text(cap, "status")).isEqualTo("Test");
    assertThat(text(cap, "info/area/areaDesc")).isEqualTo("point NE-ARLIT-01");
    assertThat(text(cap, "count(info/area/circle)")).isEqualTo("0");
  }

  @Test
  void theValidatorAcceptsARealMessageAndRefusesABrokenOne() throws Exception {
    Path canada = Checkout.shared("standards/cap/canada.cap");
    validate(Files.readAllBytes(canada));

    byte[] broken = new String(Files.readAllBytes(canada), "UTF-8").replace("<status>Actual</status>",
        "<status>Resolved</status>").getBytes("UTF-8");
    assertThatThrownBy(() -> validate(broken)).isInstanceOf(SAXParseException.class).hasMessageContaining("Resolved");
  }

  @Test
  void anOpenedAlertMapsAsTheBriefSays() throws Exception {
    AlertChange change = routeSurge(Transition.OPENED);
    Document cap = parse(CAP.xml(message(MessageKind.IMMEDIATE, Language.EN, change), change));

    assertThat(text(cap, "identifier")).isEqualTo(CapMessages.identifier(change.getAlert().getId(), 1))
        .matches("urn:flowwatch:alert:[0-9a-f]{32}:1");
    assertThat(text(cap, "sender")).isEqualTo(SENDER);
    assertThat(text(cap, "sent")).isEqualTo("2026-11-30T08:00:00+00:00");
    assertThat(text(cap, "status")).isEqualTo("Actual");
    assertThat(text(cap, "msgType")).isEqualTo("Alert");
    assertThat(text(cap, "count(references)")).isEqualTo("0");
    assertThat(text(cap, "info/event")).isEqualTo("Migration flow surge");
    assertThat(text(cap, "info/responseType")).isEqualTo("Monitor");
    assertThat(text(cap, "info/urgency")).isEqualTo("Expected");
    assertThat(text(cap, "info/severity")).isEqualTo("Moderate");
    assertThat(text(cap, "info/certainty")).isEqualTo("Observed");
    assertThat(text(cap, "info/description")).isEqualTo("Surge alert opened. 412 observed vs 180 expected; "
        + "route AGADEZ-LIBYA, outgoing, nationals of NGA; since 2026-11-30 08:00 UTC.");
    assertThat(text(cap, "info/web")).startsWith("https://dash.example.org/a/route%3DAGADEZ-LIBYA");
    assertThat(text(cap, "info/parameter[valueName='expected']/value")).isEqualTo("180.4");
    assertThat(text(cap, "info/parameter[valueName='revision']/value")).isEqualTo("1");
    assertThat(text(cap, "info/area/areaDesc")).isEqualTo("AGADEZ-LIBYA (Agadez)");
    assertThat(text(cap, "info/area/circle")).isEqualTo("19.2,11.9 420");
  }

  @Test
  void aResolutionIsAnAllClearUpdateReferencingEveryEarlierRevision() throws Exception {
    AlertChange change = routeSurge(Transition.RESOLVED);
    AlertMessage message = message(MessageKind.IMMEDIATE, Language.FR, change);
    Document cap = parse(CAP.xml(message, change));

    String id = change.getAlert().getId();
    assertThat(text(cap, "msgType")).isEqualTo("Update");
    assertThat(text(cap, "references")).isEqualTo(
        SENDER + "," + CapMessages.identifier(id, 1) + ",2026-11-30T08:00:00+00:00 "
            + SENDER + "," + CapMessages.identifier(id, 2) + ",2026-11-30T09:00:00+00:00");
    assertThat(text(cap, "info/responseType")).isEqualTo("AllClear");
    assertThat(text(cap, "info/urgency")).isEqualTo("Past");
    assertThat(text(cap, "info/event")).isEqualTo("Afflux de mouvements migratoires");
  }

  @Test
  void anEarlierRevisionsReferenceNamesTheMessageThatRevisionWasSentAs() throws Exception {
    AlertChange opened = routeSurge(Transition.OPENED);
    AlertChange escalated = routeSurge(Transition.ESCALATED);
    Document first = parse(CAP.xml(message(MessageKind.IMMEDIATE, Language.EN, opened), opened));
    Document second = parse(CAP.xml(message(MessageKind.IMMEDIATE, Language.EN, escalated), escalated));

    assertThat(text(second, "references"))
        .isEqualTo(text(first, "sender") + "," + text(first, "identifier") + "," + text(first, "sent"));
  }

  @Test
  void aMessageOutsideASubscriptionCarriesOneInfoBlockPerLanguage() throws Exception {
    AlertChange change = routeSurge(Transition.ESCALATED);

    byte[] xml = CAP.xml(change, MessageKind.IMMEDIATE, List.of(Language.FR, Language.EN));

    validate(xml);
    Document cap = parse(xml);
    assertThat(text(cap, "identifier")).isEqualTo(CapMessages.identifier(change.getAlert().getId(), 2));
    assertThat(text(cap, "count(info)")).isEqualTo("2");
    assertThat(text(cap, "info[1]/language")).isEqualTo("fr-FR");
    assertThat(text(cap, "info[1]/headline")).isEqualTo(AlertWording.headline(change, Language.FR));
    assertThat(text(cap, "info[2]/language")).isEqualTo("en-US");
    assertThat(text(cap, "info[2]/headline")).isEqualTo(AlertWording.headline(change, Language.EN));
  }

  @Test
  void aSenderCapForbidsIsRefused() {
    assertThatThrownBy(() -> new CapMessages("flowwatch team", new DashboardLinks(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spaces");
  }

  private static void validate(byte[] xml) throws Exception {
    Path xsd = Checkout.shared("standards/cap/cap12.xsd");
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Schema schema = factory.newSchema(xsd.toFile());
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  /** XPath without namespaces (the parser is not namespace-aware), from the alert element. */
  private static String text(Document cap, String path) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    return xpath.evaluate(path.startsWith("count(") ? "count(/alert/" + path.substring(6) : "/alert/" + path, cap);
  }
}
