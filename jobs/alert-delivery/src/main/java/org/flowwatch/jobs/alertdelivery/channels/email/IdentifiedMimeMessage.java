package org.flowwatch.jobs.alertdelivery.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is ours. Jakarta Mail gives every message a fresh Message-ID when it is saved, which
 * would make a retried message look new and break threading; overriding {@link #updateMessageID} is its documented
 * way to keep one.
 */
final class IdentifiedMimeMessage extends MimeMessage {
  private final String messageId;

  IdentifiedMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
