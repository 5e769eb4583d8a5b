package org.flowwatch.jobs.alertdelivery.channels.email;

import java.util.List;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.MessageKind;

/**
 * Where an email goes in the recipient's threads. Each episode has a thread id, {@link MessageIds#episodeThreadId}:
 * the Message-ID of a message about its revision 1 alone. Every other message about the episode names that id in
 * {@code References} and {@code In-Reply-To}, so mail clients show an episode's opening, escalation and resolution
 * together, also when revision 1 never went out alone (grouped with revision 2, or before the subscription existed):
 * clients thread on the references, whether or not they hold the message referred to. Digests and test messages
 * stand alone: they are about a day or a channel, not an episode.
 *
 * @param inReplyTo the Message-ID replied to, or null when the email starts a thread
 * @param references the thread ids of the episodes the email belongs to; empty when it starts one
 */
record EmailThreading(String inReplyTo, List<String> references) {

  static EmailThreading of(AlertMessage message, String domain) {
    if (message.getKind() != MessageKind.IMMEDIATE) {
      return new EmailThreading(null, List.of());
    }
    String subscriptionId = message.getSubscription().getId();
    String own = MessageIds.emailMessageId(message.getId(), domain);
    List<String> references = message.getChanges().stream()
        .map(change -> MessageIds.episodeThreadId(subscriptionId, change.getAlert().getId(), domain))
        .distinct()
        .filter(thread -> !thread.equals(own))
        .toList();
    if (references.isEmpty()) {
      return new EmailThreading(null, List.of());
    }
    // Replies to an episode it continues, when it continues one: that is the thread the reader follows.
    String inReplyTo = message.getChanges().stream().filter(change -> change.getAlert().getRevision() > 1)
        .map(change -> MessageIds.episodeThreadId(subscriptionId, change.getAlert().getId(), domain))
        .filter(references::contains)
        .findFirst().orElse(references.get(0));
    return new EmailThreading(inReplyTo, references);
  }
}
