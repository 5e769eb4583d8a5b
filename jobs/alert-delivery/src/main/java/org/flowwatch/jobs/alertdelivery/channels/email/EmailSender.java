package org.flowwatch.jobs.alertdelivery.channels.email;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.flowwatch.jobs.alertdelivery.channels.Secrets.MissingSecretException;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.EmailChannel;
import org.flowwatch.schema.delivery.MessageKind;

/**
 * Sends alert messages by email through the job's SMTP server: a text and an HTML part in the subscription's
 * language, a Message-ID derived from the message's idempotency key (a retry is the same email, and receivers can
 * deduplicate it) and the headers that thread an episode's emails together. One connection per email: alerts are
 * few, and a connection kept open would time out between them anyway. Created in an operator's open(); not
 * serializable.
 */
public final class EmailSender {
  public static final String MESSAGE_ID_HEADER = "X-Flowwatch-Message-Id";
  public static final String TEST_HEADER = "X-Flowwatch-Test";

  private final SmtpSettings settings;
  private final Secrets secrets;
  private final Session session;
  private final EmailTemplates templates = new EmailTemplates();

  public EmailSender(SmtpSettings settings, Secrets secrets) {
    this.settings = settings;
    this.secrets = secrets;
    this.session = SmtpSessions.create(settings);
  }

  public ChannelResult send(AlertMessage message, EmailChannel channel) {
    EmailTemplates.Rendered texts = templates.alert(EmailView.of(message, settings.dashboardUrl()),
        message.getSubscription().getLanguage());
    EmailThreading threading = EmailThreading.of(message, settings.messageIdDomain());
    return deliver(MessageIds.emailMessageId(message.getId(), settings.messageIdDomain()), channel.getTo(), email -> {
      email.setSubject(texts.subject(), StandardCharsets.UTF_8.name());
      email.setContent(alternatives(texts));
      if (threading.inReplyTo() != null) {
        email.setHeader("In-Reply-To", threading.inReplyTo());
        email.setHeader("References", String.join(" ", threading.references()));
      }
      email.setHeader(MESSAGE_ID_HEADER, message.getId());
      if (message.getKind() == MessageKind.TEST) {
        email.setHeader(TEST_HEADER, "true");
      }
    });
  }

  SmtpSettings settings() {
    return settings;
  }

  EmailTemplates templates() {
    return templates;
  }

  /** Writes what an email says; {@link #deliver} adds From, To, Date and the Message-ID. */
  @FunctionalInterface
  interface Content {
    void writeTo(MimeMessage email) throws MessagingException;
  }

  /** Sends one email to {@code recipients} and says how it went; never throws. */
  ChannelResult deliver(String messageId, List<String> recipients, Content content) {
    String password;
    try {
      password = settings.authenticates() ? secrets.get(settings.passwordSecret()) : null;
    } catch (MissingSecretException e) {
      return SmtpOutcomes.refused(null, "SMTP password unavailable: " + e.getMessage(), 0);
    }
    List<InternetAddress> to = new ArrayList<>();
    for (String recipient : recipients) {
      try {
        to.add(new InternetAddress(recipient, true));
      } catch (AddressException e) {
        return SmtpOutcomes.refused(null, "invalid recipient address '" + recipient + "'", 0);
      }
    }
    if (to.isEmpty()) {
      return SmtpOutcomes.refused(null, "the email channel has no recipient", 0);
    }
    long started = System.nanoTime();
    try {
      MimeMessage email = new IdentifiedMimeMessage(session, messageId);
      email.setFrom(new InternetAddress(settings.fromAddress()));
      email.setRecipients(RecipientType.TO, to.toArray(InternetAddress[]::new));
      email.setSentDate(new Date());
      content.writeTo(email);
      email.saveChanges();
      return ChannelResult.delivered(transmit(email, password), millisSince(started));
    } catch (MessagingException e) {
      return SmtpOutcomes.failed(e, settings.host() + ":" + settings.port(), millisSince(started));
    }
  }

  /** The server's reply to the message's data: 250 when it took it. */
  private int transmit(MimeMessage email, String password) throws MessagingException {
    SMTPTransport transport = (SMTPTransport) session.getTransport(SmtpSessions.protocol(settings));
    try {
      transport.connect(settings.host(), settings.port(), settings.username(), password);
      transport.sendMessage(email, email.getAllRecipients());
      return transport.getLastReturnCode();
    } finally {
      closeAfterward(transport);
    }
  }

  /** Once the server has taken the message it is sent: a failed QUIT must not make it look undelivered (and resent). */
  private static void closeAfterward(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // Nothing to undo; the connection is gone either way.
    }
  }

  private static MimeMultipart alternatives(EmailTemplates.Rendered texts) throws MessagingException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(texts.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(texts.html(), StandardCharsets.UTF_8.name(), "html");
    // The last alternative is the preferred one (RFC 2046): clients that show HTML show it, the others the text.
    return new MimeMultipart("alternative", text, html);
  }

  private static long millisSince(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
