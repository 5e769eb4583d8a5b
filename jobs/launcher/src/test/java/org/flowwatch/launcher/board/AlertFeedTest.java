package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.flowwatch.jobs.alertdelivery.channels.cap.CapMessages;
import org.flowwatch.jobs.alertdelivery.channels.webhook.DashboardLinks;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.jobs.surgedetection.sinks.AlertDocuments;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The feed's mapping, on a fake BoardSearch answering as Elasticsearch would with documents written by surge
 * detection's own AlertDocuments: the test fails if the writer's fields and the feed's reading of them drift apart.
 */
class AlertFeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDICES = "flowwatch-alerts-demo*";
  private static final URI BOARD = URI.create("https://board.example.org/flowwatch/");
  private static final Instant NOW = Instant.parse("2026-11-30T10:17:00Z");
  private static final String SENDER = "flowwatch@dtm.example.org";
  private static final Map<String, String> NAMESPACES = Map.of("a", AtomFeed.NAMESPACE, "cap", CapMessages.NAMESPACE);

  private static final SurgeAlert ROUTE_SURGE = alert("route=AGADEZ-LIBYA|nationality=NGA|SURGE|2026-11-30T08:00Z",
      AlertSignal.SURGE, AlertStatus.ESCALATED, 2, "2026-11-30T10:00:00Z").setRoute("AGADEZ-LIBYA")
      .setNationality("NGA").setSeriesKey("route=AGADEZ-LIBYA|nationality=NGA|direction=OUTGOING").build();
  private static final SurgeAlert SILENT_POINT = alert("point=NE-ARL|SILENCE|2026-11-30T09:00Z", AlertSignal.SILENCE,
      AlertStatus.OPEN, 1, "2026-11-30T09:00:00Z").setPointCode("NE-ARL").setObserved(0)
      .setSeriesKey("point=NE-ARL|direction=OUTGOING").build();
  private static final SurgeAlert ROUTE_COLLAPSE = alert("route=AGADEZ-ALGERIA|COLLAPSE|2026-11-30T08:00Z",
      AlertSignal.COLLAPSE, AlertStatus.OPEN, 1, "2026-11-30T08:00:00Z").setRoute("AGADEZ-ALGERIA").setObserved(3)
      .setSeriesKey("route=AGADEZ-ALGERIA|direction=OUTGOING").build();

  private final List<String> searchedIndices = new ArrayList<>();
  private final List<ObjectNode> searchedBodies = new ArrayList<>();
  private ObjectNode response;

  @Test
  void theFeedIsAtomWithOneEntryPerOpenAlertNewestChangeFirst() throws Exception {
    AlertFeed.Served served = feed(hits(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE)).atom(BOARD, Language.FR);

    assertThat(served.contentType()).isEqualTo("application/atom+xml;charset=utf-8");
    Document atom = parse(served.body());
    assertThat(atom.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
    assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
    assertThat(text(atom, "/a:feed/a:id")).isEqualTo("urn:flowwatch:feed:alerts:flowwatch-alerts-demo*");
    assertThat(text(atom, "/a:feed/a:title")).isEqualTo("flowwatch : alertes en cours");
    assertThat(text(atom, "/a:feed/a:updated")).isEqualTo("2026-11-30T10:00:00+00:00");
    assertThat(text(atom, "/a:feed/a:author/a:name")).isEqualTo(SENDER);
    assertThat(text(atom, "/a:feed/a:link[@rel='self']/@href"))
        .isEqualTo("https://board.example.org/flowwatch/feeds/alerts.atom");

    List<SurgeAlert> expected = List.of(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE);
    assertThat(count(atom, "/a:feed/a:entry")).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      SurgeAlert alert = expected.get(i);
      String entry = "/a:feed/a:entry[" + (i + 1) + "]";
      assertThat(text(atom, entry + "/a:id")).isEqualTo(CapMessages.identifier(alert.getId(), alert.getRevision()));
      assertThat(text(atom, entry + "/a:updated")).isEqualTo(CapMessages.sent(alert.getUpdatedAt()));
      assertThat(text(atom, entry + "/a:title")).isNotBlank().doesNotContain("\n");
      assertThat(text(atom, entry + "/a:link[@rel='alternate']/@type")).isEqualTo("application/cap+xml");
      assertThat(text(atom, entry + "/a:link[@rel='alternate']/@href")).isEqualTo(BOARD + "feeds/alerts/"
          + AlertFeed.entryName(alert.getId(), alert.getRevision()) + ".cap");
    }
    assertThat(text(atom, "/a:feed/a:entry[1]/a:title"))
        .isEqualTo("Alerte afflux aggravée : axe AGADEZ-LIBYA, sorties, ressortissants NGA (412 observés contre 180 attendus)");
  }

  @Test
  void theFeedsOwnTitlesCanBeEnglish() throws Exception {
    Document atom = parse(feed(hits(ROUTE_SURGE)).atom(URI.create("https://board.example.org"), Language.EN).body());

    assertThat(text(atom, "/a:feed/@xml:lang")).isEqualTo("en");
    assertThat(text(atom, "/a:feed/a:title")).isEqualTo("flowwatch: open alerts");
    assertThat(text(atom, "/a:feed/a:entry/a:title")).startsWith("Surge alert escalated: route AGADEZ-LIBYA");
    assertThat(text(atom, "/a:feed/a:link[@rel='self']/@href")).isEqualTo("https://board.example.org/feeds/alerts.atom");
  }

  @Test
  void theSearchAsksForOpenAlertsNewestChangeFirstWithinALimit() throws Exception {
    feed(hits(ROUTE_SURGE)).atom(BOARD, Language.FR);

    assertThat(searchedIndices).containsExactly(INDICES);
    JsonNode body = searchedBodies.get(0);
    assertThat(body.at("/query/bool/filter/0/terms/status").toString()).isEqualTo("[\"OPEN\",\"ESCALATED\"]");
    assertThat(body.at("/sort/0/updated_at/order").asText()).isEqualTo("desc");
    assertThat(body.at("/size").asInt()).isEqualTo(200);
    List<String> source = new ArrayList<>();
    body.get("_source").forEach(field -> source.add(field.asText()));
    assertThat(source).containsExactlyInAnyOrderElementsOf(StoredAlerts.FIELDS).contains("alert_id", "revision");
  }

  @Test
  void everyEntryLinksTheBilingualCapMessageOfItsRevision() throws Exception {
    AlertFeed feed = feed(hits(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE));
    Document atom = parse(feed.atom(BOARD, Language.FR).body());

    for (int i = 1; i <= count(atom, "/a:feed/a:entry"); i++) {
      String entry = "/a:feed/a:entry[" + i + "]";
      Optional<AlertFeed.Served> message = feed.capMessage(entryName(text(atom, entry + "/a:link/@href")));

      assertThat(message).isPresent();
      assertThat(message.get().contentType()).isEqualTo("application/cap+xml");
      Document cap = parse(message.get().body());
      assertThat(text(cap, "/cap:alert/cap:identifier")).isEqualTo(text(atom, entry + "/a:id"));
      assertThat(text(cap, "/cap:alert/cap:sent")).isEqualTo(text(atom, entry + "/a:updated"));
      assertThat(text(cap, "/cap:alert/cap:sender")).isEqualTo(SENDER);
      assertThat(text(cap, "/cap:alert/cap:info[1]/cap:language")).isEqualTo("fr-FR");
      assertThat(text(cap, "/cap:alert/cap:info[1]/cap:headline")).isEqualTo(text(atom, entry + "/a:title"));
      assertThat(text(cap, "/cap:alert/cap:info[2]/cap:language")).isEqualTo("en-US");
    }
    // The last search fetched one episode by its alert id, still only among open ones.
    JsonNode byId = searchedBodies.get(searchedBodies.size() - 1);
    assertThat(byId.at("/query/bool/filter/1/term/alert_id").asText()).isEqualTo(ROUTE_COLLAPSE.getId());
    assertThat(byId.at("/query/bool/filter/0/terms/status").size()).isEqualTo(2);
  }

  @Test
  void everyLinkedMessageIsValidCap12() throws Exception {
    Path xsd = Checkout.root().resolve("../shared/standards/cap/cap12.xsd").normalize();
    Assumptions.assumeTrue(Files.isRegularFile(xsd),
        xsd + " is absent: CAP schema validation skipped");
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile());
    AlertFeed feed = feed(hits(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE));
    Document atom = parse(feed.atom(BOARD, Language.FR).body());

    NodeList links = (NodeList) xpath().evaluate("/a:feed/a:entry/a:link/@href", atom, XPathConstants.NODESET);
    assertThat(links.getLength()).isEqualTo(3);
    for (int i = 0; i < links.getLength(); i++) {
      byte[] cap = feed.capMessage(entryName(links.item(i).getNodeValue())).orElseThrow().body();
      schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(cap)));
    }
  }

  @Test
  void noOpenAlertIsAnEmptyFeedUpdatedNow() throws Exception {
    Document atom = parse(feed(hits()).atom(BOARD, Language.FR).body());

    assertThat(count(atom, "/a:feed/a:entry")).isZero();
    assertThat(text(atom, "/a:feed/a:updated")).isEqualTo("2026-11-30T10:17:00+00:00");
  }

  @Test
  void aDocumentReadsBackAsTheAlertSurgeDetectionWroteIt() {
    for (SurgeAlert alert : List.of(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE)) {
      assertThat(StoredAlerts.read(hits(alert).get("hits").get("hits").get(0))).isEqualTo(alert);
    }
  }

  /** Decision: a document not readable as an alert is left out of the feed, with a reason naming it and the field. */
  @Test
  void aDocumentWithAMissingFieldOrAnUnknownValueIsLeftOutWithTheReason() throws Exception {
    ObjectNode response = hits(ROUTE_SURGE, SILENT_POINT, ROUTE_COLLAPSE);
    ((ObjectNode) response.at("/hits/hits/0/_source")).remove("signal");
    ((ObjectNode) response.at("/hits/hits/1/_source")).put("status", "SNOOZED");

    assertThatThrownBy(() -> StoredAlerts.read(response.at("/hits/hits/0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alert document " + ROUTE_SURGE.getId() + ": field 'signal' is missing");
    assertThatThrownBy(() -> StoredAlerts.read(response.at("/hits/hits/1")))
        .hasMessageContaining("field 'status' has the unknown value 'SNOOZED'");

    AlertFeed feed = feed(response);
    Document atom = parse(feed.atom(BOARD, Language.FR).body());
    assertThat(count(atom, "/a:feed/a:entry")).isEqualTo(1);
    assertThat(text(atom, "/a:feed/a:entry/a:id")).isEqualTo(CapMessages.identifier(ROUTE_COLLAPSE.getId(), 1));
    assertThat(feed.capMessage(AlertFeed.entryName(ROUTE_SURGE.getId(), 2))).isEmpty();
  }

  @Test
  void aRevisionNoLongerCurrentOrANameTheFeedDoesNotMakeIsNotFound() throws Exception {
    AlertFeed feed = feed(hits(ROUTE_SURGE));

    assertThat(feed.capMessage(AlertFeed.entryName(ROUTE_SURGE.getId(), 2))).isPresent();
    assertThat(feed.capMessage(AlertFeed.entryName(ROUTE_SURGE.getId(), 1))).isEmpty();
    assertThat(feed.capMessage(AlertFeed.entryName("an episode not in the index", 1))).isEmpty();
    int searches = searchedBodies.size();
    assertThat(feed.capMessage("../../etc/passwd")).isEmpty();
    assertThat(feed.capMessage(AlertFeed.entryName(ROUTE_SURGE.getId(), 2) + ".cap")).isEmpty();
    assertThat(feed.capMessage("cm91dGU9.0")).isEmpty();
    assertThat(feed.capMessage("cm91dGU9QQ==.1")).isEmpty();
    assertThat(searchedBodies).as("a malformed name never reaches Elasticsearch").hasSize(searches);
  }

  @Test
  void aBaseThatHubsCannotFollowIsRefused() {
    assertThatThrownBy(() -> feed(hits()).atom(URI.create("/flowwatch/"), Language.FR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
  }

  private AlertFeed feed(ObjectNode response) {
    this.response = response;
    CapMessages cap = new CapMessages(SENDER, new DashboardLinks("https://dash.example.org/a/{alertId}"));
    return new AlertFeed(this::answer, INDICES, cap, new AlertPlaces(MonitoringPoints.niger()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static SurgeAlert.Builder alert(String id, AlertSignal signal, AlertStatus status, int revision,
      String updatedAt) {
    return SurgeAlert.newBuilder().setId(id).setSignal(signal).setStatus(status)
        .setSeverity(revision > 1 ? AlertSeverity.HIGH : AlertSeverity.MEDIUM).setMethod("ears-c2")
        .setDirection(Direction.OUTGOING).setOpenedAt(Instant.parse(id.substring(id.lastIndexOf('|') + 1).replace("Z", ":00Z")))
        .setUpdatedAt(Instant.parse(updatedAt)).setObserved(412).setExpected(180.4).setThreshold(260.75).setScore(4.2)
        .setRevision(revision);
  }

  /** A search response, as Elasticsearch answers, holding the documents surge detection writes for these alerts. */
  private static ObjectNode hits(SurgeAlert... alerts) {
    ObjectNode response = JSON.createObjectNode().put("took", 2).put("timed_out", false);
    ObjectNode hits = response.putObject("hits");
    hits.putObject("total").put("value", alerts.length).put("relation", "eq");
    ArrayNode list = hits.putArray("hits");
    for (SurgeAlert alert : alerts) {
      IndexRequestEntry document = new AlertDocuments("flowwatch-alerts-demo").toDocument(alert);
      ObjectNode hit = list.addObject().put("_index", document.index()).put("_id", document.id());
      try {
        hit.set("_source", JSON.readTree(document.sourceJson()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      hit.putArray("sort").add(alert.getUpdatedAt().toEpochMilli()).add(alert.getId());
    }
    return response;
  }

  /** The fake: every canned hit, or the one with the alert id a term filter asks for. */
  private JsonNode answer(String indices, ObjectNode body) {
    searchedIndices.add(indices);
    searchedBodies.add(body.deepCopy());
    JsonNode alertId = body.at("/query/bool/filter/1/term/alert_id");
    if (alertId.isMissingNode()) {
      return response;
    }
    ObjectNode filtered = response.deepCopy();
    Iterator<JsonNode> hits = filtered.at("/hits/hits").elements();
    while (hits.hasNext()) {
      if (!hits.next().at("/_source/alert_id").asText().equals(alertId.asText())) {
        hits.remove();
      }
    }
    return filtered;
  }

  private static String entryName(String href) {
    assertThat(href).startsWith(BOARD + "feeds/alerts/").endsWith(".cap");
    return href.substring((BOARD + "feeds/alerts/").length(), href.length() - ".cap".length());
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static String text(Node node, String path) throws Exception {
    return xpath().evaluate(path, node);
  }

  private static int count(Node node, String path) throws Exception {
    return ((Double) xpath().evaluate("count(" + path + ")", node, XPathConstants.NUMBER)).intValue();
  }

  private static XPath xpath() {
    XPath xpath = XPathFactory.newInstance().newXPath();
    xpath.setNamespaceContext(new NamespaceContext() {
      @Override
      public String getNamespaceURI(String prefix) {
        return prefix.equals("xml") ? XMLConstants.XML_NS_URI : NAMESPACES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
      }

      @Override
      public String getPrefix(String uri) {
        return null;
      }

      @Override
      public Iterator<String> getPrefixes(String uri) {
        return null;
      }
    });
    return xpath;
  }
}
