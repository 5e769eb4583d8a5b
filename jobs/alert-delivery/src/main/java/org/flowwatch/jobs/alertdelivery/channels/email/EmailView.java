package org.flowwatch.jobs.alertdelivery.channels.email;

import java.util.ArrayList;
import java.util.List;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;

/**
 * What an email shows, already in words (from {@link AlertWording}) so that the logic-less templates only arrange it.
 * One shape serves every kind of message: the changes come in sections, a digest's titled by transition, any other
 * message's as one untitled section; the flags choose the introduction.
 *
 * @param single one change, not a digest: the subject names it
 * @param group several changes, not a digest
 * @param count how many changes the message carries
 */
public record EmailView(boolean test, boolean single, boolean group, boolean digest, int count,
    String subscriptionName, String plannedAt, String dashboardUrl, List<Section> sections) {

  /** A run of changes; {@code title} is null outside digests. */
  public record Section(String title, List<Change> changes) {}

  /**
   * One alert change.
   *
   * @param areaName null when the reference data has no name for the place
   * @param regions the regions joined by ", ", or null when there are none
   */
  public record Change(String title, String where, String areaName, String regions, String observedVsExpected,
      String since, String severity, String updatedAt, int revision) {}

  public static EmailView of(AlertMessage message, String dashboardUrl) {
    Language language = message.getSubscription().getLanguage();
    List<AlertChange> changes = message.getChanges();
    boolean digest = message.getKind() == MessageKind.DIGEST;
    List<Section> sections = digest ? digestSections(changes, language)
        : changes.isEmpty() ? List.of() : List.of(new Section(null, changes(changes, language)));
    return new EmailView(message.getKind() == MessageKind.TEST, !digest && changes.size() == 1,
        !digest && changes.size() > 1, digest, changes.size(), message.getSubscription().getName(),
        AlertWording.time(message.getPlannedAt()), dashboardUrl, sections);
  }

  /** The message's first change: what the subject of a single-change email names. */
  public Change first() {
    return sections.isEmpty() ? null : sections.get(0).changes().get(0);
  }

  /** Opened, then escalated, then resolved; a transition without changes has no section. */
  private static List<Section> digestSections(List<AlertChange> changes, Language language) {
    List<Section> sections = new ArrayList<>();
    for (Transition transition : List.of(Transition.OPENED, Transition.ESCALATED, Transition.RESOLVED)) {
      List<AlertChange> these = changes.stream().filter(c -> c.getTransition() == transition).toList();
      if (!these.isEmpty()) {
        sections.add(new Section(AlertWording.digestSection(transition, language), changes(these, language)));
      }
    }
    return sections;
  }

  private static List<Change> changes(List<AlertChange> changes, Language language) {
    return changes.stream().map(change -> change(change, language)).toList();
  }

  private static Change change(AlertChange change, Language language) {
    SurgeAlert alert = change.getAlert();
    List<String> regions = change.getRegions();
    return new Change(AlertWording.title(change, language), AlertWording.where(alert, language),
        change.getAreaName(),
        regions.isEmpty() ? null : String.join(", ", regions), AlertWording.observedVsExpected(alert, language),
        AlertWording.since(alert, language), AlertWording.severity(alert.getSeverity(), language),
        AlertWording.time(alert.getUpdatedAt()), alert.getRevision());
  }
}
