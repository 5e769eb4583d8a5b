package org.flowwatch.jobs.alertdelivery.channels.email;

import java.util.List;
import java.util.Optional;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.delivery.AlertChange;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.MessageKind;

/**
 * Where an email goes in the recipient's threads. An episode's thread starts with the message about its revision 1,
 * whose Message-ID is therefore {@link MessageIds#episodeThreadId}; every later message about the episode replies to
 * it, so mail clients show an episode's opening, escalation and resolution together. Digests and test messages stand
 * alone: they are about a day or a channel, not an episode.
 *
 * @param inReplyTo the Message-ID replied to, or null when the email starts a thread
 * @param references the Message-IDs of the threads the email belongs to; empty when it starts one
 */
record EmailThreading(String inReplyTo, List<String> references) {

  static EmailThreading of(AlertMessage message, String domain) {
    List<AlertChange> changes = message.getChanges();
    Optional<AlertChange> continued = changes.stream().filter(change -> change.getAlert().getRevision() > 1)
        .findFirst();
    if (message.getKind() != MessageKind.IMMEDIATE || continued.isEmpty()) {
      return new EmailThreading(null, List.of());
    }
    String subscriptionId = message.getSubscription().getId();
    List<String> references = changes.stream()
        .map(change -> MessageIds.episodeThreadId(subscriptionId, change.getAlert().getId(), domain))
        .distinct()
        .toList();
    return new EmailThreading(
        MessageIds.episodeThreadId(subscriptionId, continued.get().getAlert().getId(), domain), references);
  }
}
