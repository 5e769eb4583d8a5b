package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowwatch.jobs.alertdelivery.channels.cap.CapMessages;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's public alert feed, the shape alert hubs aggregate (Google Public Alerts, WMO's alert hubs): an Atom 1.0
 * feed (RFC 4287) of the open alert episodes, each entry linking the episode's current revision as a CAP 1.2 message.
 * No HTTP here: the board's server routes the two URLs to {@link #atom} and {@link #capMessage} and writes the
 * returned {@link Served} as it is.
 *
 * <p>URLs, relative to the board's base:
 * <ul>
 *   <li>{@value #FEED_PATH}: the feed, {@value #ATOM_CONTENT_TYPE}; {@code ?lang=en} may choose English for the
 *       feed's own titles (the server maps it to the {@code language} argument), French otherwise;</li>
 *   <li>{@value #MESSAGE_PATH}{@code <entry name>}{@value #MESSAGE_SUFFIX}: one CAP message, {@value #CAP_CONTENT_TYPE},
 *       where the entry name is the alert id in unpadded base64url, a dot and the revision, e.g.
 *       {@code cm91dGU9QUdBREVaLUxJQllB.2}: URL-safe whatever the id holds ('|', '=', ':'), and enough to fetch the
 *       one document by its alert id. A revision that is no longer current, or an episode no longer open, is not
 *       found: the URL names a message, and only the current revision of an open episode is served.</li>
 * </ul>
 *
 * <p>Languages: every CAP message carries two {@code info} blocks, fr-FR then en-US (CAP lets a reader pick among
 * several; Niger's services read French, hubs often English), so one URL per message serves both.
 *
 * <p>What a message says is CapMessages' alone, from the alert as alert delivery describes it (AlertPlaces), so the
 * board, webhooks and email agree; entries hold only its identifier, sent time and headline. Alerts are aggregates:
 * nothing about a person is in them. Elasticsearch holds only an episode's latest revision, so the sent times of its
 * earlier revisions are unknown here and an escalation's message has no {@code references}.
 *
 * <p>Elasticsearch is read only through the board's {@link BoardSearch}, so its limits and credentials apply. The feed
 * lists the {@value #MAX_ENTRIES} most recently changed open episodes. A document that cannot be read back as an alert
 * (a field missing, a value unknown) is left out of the feed, and its message not found, with a warning naming it:
 * one bad document does not take the feed down for every hub.
 */
public final class AlertFeed {
  public static final String FEED_PATH = "feeds/alerts.atom";
  public static final String MESSAGE_PATH = "feeds/alerts/";
  public static final String MESSAGE_SUFFIX = ".cap";
  public static final String ATOM_CONTENT_TYPE = "application/atom+xml;charset=utf-8";
  public static final String CAP_CONTENT_TYPE = CapMessages.CONTENT_TYPE;
  static final int MAX_ENTRIES = 200;
  /** The info blocks of every message, in order: French first, the language of Niger's services. */
  static final List<Language> LANGUAGES = List.of(Language.FR, Language.EN);
  private static final List<String> OPEN = List.of(AlertStatus.OPEN.name(), AlertStatus.ESCALATED.name());
  /** Base64url without padding, a dot, a revision; bounded so no request makes a huge query. */
  private static final Pattern ENTRY_NAME = Pattern.compile("([A-Za-z0-9_-]{1,400})\\.([1-9][0-9]{0,8})");
  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

  /** A response body and its content type, ready to write. */
  public record Served(String contentType, byte[] body) {}

  private final BoardSearch search;
  private final String indices;
  private final CapMessages cap;
  private final AlertPlaces places;
  private final Clock clock;

  /**
   * @param indices the alert indices to read, e.g. {@code flowwatch-alerts*} or the demo's {@code flowwatch-alerts-demo*}
   * @param cap the messages' sender and dashboard links, as alert delivery is configured
   * @param places where alerts are, e.g. {@code new AlertPlaces(MonitoringPoints.niger())}
   * @param clock the feed's updated time when no alert is open (it has no newest entry then)
   */
  public AlertFeed(BoardSearch search, String indices, CapMessages cap, AlertPlaces places, Clock clock) {
    this.search = search;
    this.indices = indices;
    this.cap = cap;
    this.places = places;
    this.clock = clock;
  }

  /**
   * The Atom feed of the open alerts, newest change first.
   *
   * @param boardBase the board's absolute URL as hubs reach it, e.g. https://board.example.org/ (links are absolute)
   * @param language the language of the feed's titles
   */
  public Served atom(URI boardBase, Language language) throws IOException {
    List<AlertChange> open = read(query(null, MAX_ENTRIES));
    Instant updated = open.isEmpty() ? clock.instant() : open.get(0).getAlert().getUpdatedAt();
    AtomFeed feed = new AtomFeed(language);
    String base = base(boardBase);
    feed.header(feedId(), language == Language.FR ? "flowwatch : alertes en cours" : "flowwatch: open alerts",
        CapMessages.sent(updated), cap.sender(), base + FEED_PATH);
    for (AlertChange change : open) {
      SurgeAlert alert = change.getAlert();
      feed.entry(CapMessages.identifier(alert.getId(), alert.getRevision()), AlertWording.headline(change, language),
          CapMessages.sent(alert.getUpdatedAt()),
          base + MESSAGE_PATH + entryName(alert.getId(), alert.getRevision()) + MESSAGE_SUFFIX, CAP_CONTENT_TYPE);
    }
    return new Served(ATOM_CONTENT_TYPE, feed.xml());
  }

  /**
   * The CAP message an entry links, while its revision is the current one of an open episode.
   *
   * @param entryName the URL's last segment without {@value #MESSAGE_SUFFIX}
   * @return empty when the name is not one this feed makes, or names no current revision of an open episode
   */
  public Optional<Served> capMessage(String entryName) throws IOException {
    Matcher name = ENTRY_NAME.matcher(entryName);
    if (!name.matches()) {
      return Optional.empty();
    }
    String alertId;
    try {
      alertId = new String(Base64.getUrlDecoder().decode(name.group(1)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int revision = Integer.parseInt(name.group(2));
    if (!entryName(alertId, revision).equals(entryName)) {
      return Optional.empty(); // one name per message: no padding, no bytes that are not UTF-8
    }
    return read(query(alertId, 1)).stream()
        .filter(change -> change.getAlert().getRevision() == revision)
        .findFirst()
        .map(change -> new Served(CAP_CONTENT_TYPE, cap.xml(change, MessageKind.IMMEDIATE, LANGUAGES)));
  }

  /** The entry name of an alert's revision: see the class comment. */
  public static String entryName(String alertId, int revision) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(alertId.getBytes(StandardCharsets.UTF_8)) + "."
        + revision;
  }

  /** Open episodes, newest change first; one episode when {@code alertId} is given. */
  ObjectNode query(String alertId, int size) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    var filter = body.putObject("query").putObject("bool").putArray("filter");
    var status = filter.addObject().putObject("terms").putArray("status");
    OPEN.forEach(status::add);
    if (alertId != null) {
      filter.addObject().putObject("term").put("alert_id", alertId);
    }
    var sort = body.putArray("sort");
    sort.addObject().putObject("updated_at").put("order", "desc");
    sort.addObject().putObject("alert_id").put("order", "asc"); // ties in a stable order, so the feed does not churn
    body.put("size", size);
    var source = body.putArray("_source");
    StoredAlerts.FIELDS.forEach(source::add);
    return body;
  }

  /** The hits as alert delivery describes them, leaving out (with a warning) any document not readable as an alert. */
  private List<AlertChange> read(ObjectNode query) throws IOException {
    JsonNode hits = search.search(indices, query).path("hits").path("hits");
    if (!hits.isArray()) {
      throw new IOException("Elasticsearch's answer on " + indices + " has no hits.hits array");
    }
    List<AlertChange> changes = new ArrayList<>();
    for (JsonNode hit : hits) {
      try {
        changes.add(places.describe(StoredAlerts.read(hit), List.of()));
      } catch (IllegalArgumentException e) {
        LOG.warn("alert feed: left out of {}: {}", hit.path("_index").asText(indices), e.getMessage());
      }
    }
    return changes;
  }

  /** The feed's id: the same feed whatever host serves it, a different one for each index expression. */
  private String feedId() {
    return "urn:flowwatch:feed:alerts:" + URLEncoder.encode(indices, StandardCharsets.UTF_8);
  }

  private static String base(URI boardBase) {
    if (!boardBase.isAbsolute() || boardBase.getHost() == null || boardBase.getRawQuery() != null
        || boardBase.getRawFragment() != null) {
      throw new IllegalArgumentException("the board's base URL must be absolute, for hubs to follow the links, without query: "
          + boardBase);
    }
    String base = boardBase.toString();
    return base.endsWith("/") ? base : base + "/";
  }
}
