package org.flowwatch.jobs.alertdelivery.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.DOMAIN;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.EPISODE;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.OWNER;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.RECIPIENT;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.channel;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.escalated;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.opened;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.resolved;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.settings;
import static org.flowwatch.jobs.alertdelivery.channels.email.EmailFixtures.subscription;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.Secrets;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings.TlsMode;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.testing.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real SMTP server (GreenMail) on a loopback socket. */
class EmailSenderIT {
  private static final String USER = "flowwatch";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String PASSWORD_SECRET = "smtp-password";
  /** A bound on waiting for the server to store what it accepted, not a measured duration. */
  private static final long ARRIVAL_WAIT_MILLIS = 30_000;

  private int port;
  private GreenMail server;

  @BeforeEach
  void startServer() {
    port = LoopbackPorts.free();
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@flowwatch.test", USER, PASSWORD));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void anEpisodeArrivesAsThreeThreadedEmailsInFrenchAfterAuthenticating() throws Exception {
    EmailSender sender = authenticatingSender(PASSWORD);
    Subscription subscription = subscription(Language.FR);
    List<AlertMessage> episode = List.of(message(MessageKind.IMMEDIATE, subscription, opened()),
        message(MessageKind.IMMEDIATE, subscription, escalated()),
        message(MessageKind.IMMEDIATE, subscription, resolved()));

    for (AlertMessage message : episode) {
      ChannelResult result = sender.send(message, channel());
      assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.DELIVERED);
      assertThat(result.statusCode()).isEqualTo(250);
    }

    assertThat(server.waitForIncomingEmail(ARRIVAL_WAIT_MILLIS, 3)).isTrue();
    MimeMessage[] received = server.getReceivedMessages();
    assertThat(received).hasSize(3);
    String thread = MessageIds.episodeThreadId(subscription.getId(), EPISODE, DOMAIN);

    MimeMessage first = received[0];
    assertThat(first.getMessageID()).isEqualTo(thread);
    assertThat(first.getHeader("In-Reply-To")).isNull();
    assertThat(first.getHeader("References")).isNull();
    assertThat(first.getSubject()).isEqualTo("[flowwatch] Alerte afflux ouverte : axe AGADEZ-LIBYA, sorties (Agadez)");
    assertThat(first.getFrom()).containsExactly(new InternetAddress(EmailFixtures.FROM));
    assertThat(first.getAllRecipients()).containsExactly(new InternetAddress(RECIPIENT));
    assertThat(first.getHeader(EmailSender.MESSAGE_ID_HEADER, null)).isEqualTo(episode.get(0).getId());
    assertThat(first.getHeader(EmailSender.TEST_HEADER)).isNull();
    assertThat(part(first, "text/plain")).contains("Alerte afflux ouverte\r\n", "Sévérité : moyenne",
        "412 observés contre 180 attendus, depuis le 2026-11-30 08:00 UTC.");
    assertThat(part(first, "text/html")).contains("<h3>Alerte afflux ouverte</h3>", "<li>Sévérité : moyenne</li>");

    for (int i = 1; i < 3; i++) {
      MimeMessage later = received[i];
      assertThat(later.getMessageID()).isEqualTo(MessageIds.emailMessageId(episode.get(i).getId(), DOMAIN));
      assertThat(later.getHeader("In-Reply-To", null)).isEqualTo(thread);
      assertThat(later.getHeader("References", null)).isEqualTo(thread);
    }
    assertThat(received[1].getSubject()).isEqualTo(
        "[flowwatch] Alerte afflux aggravée : axe AGADEZ-LIBYA, sorties (Agadez)");
    assertThat(part(received[1], "text/plain")).contains("Sévérité : élevée");
    assertThat(part(received[2], "text/html")).contains("<h3>Alerte afflux résolue</h3>");
  }

  @Test
  void aTestMessageSaysSoInAHeader() throws Exception {
    ChannelResult result = new EmailSender(settings(port, TlsMode.NONE, null, null), Secrets.none())
        .send(message(MessageKind.TEST, subscription(Language.EN), opened()), channel());

    assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.DELIVERED);
    assertThat(server.waitForIncomingEmail(ARRIVAL_WAIT_MILLIS, 1)).isTrue();
    MimeMessage received = server.getReceivedMessages()[0];
    assertThat(received.getHeader(EmailSender.TEST_HEADER, null)).isEqualTo("true");
    assertThat(received.getSubject()).startsWith("[TEST] ");
  }

  @Test
  void aWrongPasswordIsRefusedWithTheServersReplyAndWithoutThePassword() {
    ChannelResult result = authenticatingSender("wrong password")
        .send(message(MessageKind.IMMEDIATE, subscription(Language.FR), opened()), channel());

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isEqualTo(535);
    assertThat(result.reason()).startsWith("SMTP 127.0.0.1:" + port + ": ").contains("535")
        .doesNotContain("wrong password", PASSWORD);
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  @Test
  void aMissingPasswordSecretIsRefusedByName() {
    ChannelResult result = new EmailSender(settings(port, TlsMode.NONE, USER, PASSWORD_SECRET), Secrets.none())
        .send(message(MessageKind.IMMEDIATE, subscription(Language.FR), opened()), channel());

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).contains("'" + PASSWORD_SECRET + "'");
  }

  @Test
  void aServerThatIsDownIsRetriedWithoutAStatus() {
    int closedPort = LoopbackPorts.free();

    ChannelResult result = new EmailSender(settings(closedPort, TlsMode.NONE, null, null), Secrets.none())
        .send(message(MessageKind.IMMEDIATE, subscription(Language.FR), opened()), channel());

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).startsWith("SMTP 127.0.0.1:" + closedPort + ": ").containsIgnoringCase("connect");
  }

  @Test
  void requiredStarttlsAgainstAServerWithoutItSendsNothingAndSaysWhy() {
    ChannelResult result = new EmailSender(settings(port, TlsMode.STARTTLS_REQUIRED, USER, PASSWORD_SECRET),
        Secrets.of(Map.of(PASSWORD_SECRET, PASSWORD)))
        .send(message(MessageKind.IMMEDIATE, subscription(Language.FR), opened()), channel());

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).contains("STARTTLS is required but host does not support STARTTLS");
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  @Test
  void implicitTlsChecksTheServersCertificate() {
    int tlsPort = LoopbackPorts.free();
    GreenMail tlsServer = new GreenMail(new ServerSetup(tlsPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    tlsServer.start();
    try {
      ChannelResult result = new EmailSender(settings(tlsPort, TlsMode.IMPLICIT_TLS, null, null), Secrets.none())
          .send(message(MessageKind.IMMEDIATE, subscription(Language.FR), opened()), channel());

      // GreenMail's certificate is self-signed: trusting it anyway would trust anyone in the middle.
      assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
      assertThat(result.statusCode()).isNull();
      assertThat(result.reason()).startsWith("SMTP 127.0.0.1:" + tlsPort + ": ").contains("PKIX path building failed");
      assertThat(tlsServer.getReceivedMessages()).isEmpty();
    } finally {
      tlsServer.stop();
    }
  }

  @Test
  void theOwnerHearsInFrenchThatAnEndpointWasDisabled() throws Exception {
    OwnerNotices notices = new OwnerNotices(authenticatingSender(PASSWORD));

    Optional<ChannelResult> result = notices.endpointDisabled(subscription(Language.FR), "webhook 1",
        "https://partner.test/hooks/flowwatch", Instant.parse("2026-11-30T09:00:00Z"));

    assertThat(result).hasValueSatisfying(r -> assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.DELIVERED));
    assertThat(server.waitForIncomingEmail(ARRIVAL_WAIT_MILLIS, 1)).isTrue();
    MimeMessage notice = server.getReceivedMessages()[0];
    assertThat(notice.getAllRecipients()).containsExactly(new InternetAddress(OWNER));
    assertThat(notice.getSubject())
        .isEqualTo("[flowwatch] Canal de livraison désactivé pour l'abonnement « Équipe veille Agadez »");
    assertThat(new ContentType(notice.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    assertThat((String) notice.getContent()).contains("Le canal de livraison « webhook 1 »",
        "a répondu 410 Gone le 2026-11-30 09:00 UTC", "Adresse : https://partner.test/hooks/flowwatch");
  }

  @Test
  void aSubscriptionWithoutOwnerHasNobodyToTell() {
    Subscription ownerless = subscription(Language.EN);
    ownerless.setOwner(null);

    assertThat(new OwnerNotices(authenticatingSender(PASSWORD))
        .endpointDisabled(ownerless, "webhook 1", "https://partner.test/hooks", Instant.now())).isEmpty();
  }

  private EmailSender authenticatingSender(String password) {
    return new EmailSender(settings(port, TlsMode.NONE, USER, PASSWORD_SECRET),
        Secrets.of(Map.of(PASSWORD_SECRET, password)));
  }

  /** The decoded text of the alternative of this type, after checking that it declares UTF-8. */
  private static String part(MimeMessage email, String type) throws Exception {
    assertThat(email.isMimeType("multipart/alternative")).isTrue();
    Multipart alternatives = (Multipart) email.getContent();
    for (int i = 0; i < alternatives.getCount(); i++) {
      Part part = alternatives.getBodyPart(i);
      if (part.isMimeType(type)) {
        assertThat(new ContentType(part.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no " + type + " part in " + email.getContentType());
  }
}
