package org.flowwatch.jobs.alertdelivery.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult.Verdict;
import org.junit.jupiter.api.Test;

class SmtpOutcomesTest {
  private static final String SERVER = "smtp.example.org:587";

  @Test
  void aTemporaryRefusalIsRetried() {
    ChannelResult result = SmtpOutcomes.failed(new SMTPSendFailedException("DATA", 451, "451 4.3.0 try later", null,
        null, null, null), SERVER, 7);

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isEqualTo(451);
    assertThat(result.reason()).isEqualTo("SMTP smtp.example.org:587: 451 4.3.0 try later");
    assertThat(result.latencyMillis()).isEqualTo(7);
  }

  @Test
  void aRejectedRecipientIsRefusedWithTheRecipientsCode() throws Exception {
    InternetAddress unknown = new InternetAddress("nobody@partner.test");
    SMTPAddressFailedException rejected = new SMTPAddressFailedException(unknown, "RCPT TO:<nobody@partner.test>", 550,
        "550 5.1.1 no such user");
    SendFailedException failure = new SendFailedException("Invalid Addresses", rejected, new Address[0],
        new Address[0], new Address[] {unknown});

    ChannelResult result = SmtpOutcomes.failed(failure, SERVER, 3);

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isEqualTo(550);
    assertThat(result.reason()).contains("Invalid Addresses", "550 5.1.1 no such user");
  }

  @Test
  void aFailedAuthenticationIsRefusedWithTheServersCode() {
    ChannelResult result = SmtpOutcomes.failed(
        new AuthenticationFailedException("535 5.7.8  Authentication credentials invalid\n"), SERVER, 2);

    assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
    assertThat(result.statusCode()).isEqualTo(535);
  }

  @Test
  void noConnectionIsRetriedWithoutAStatus() {
    MailConnectException failure = new MailConnectException(new SocketConnectException("Connection refused",
        new ConnectException("Connection refused"), "smtp.example.org", 587, 5000));

    ChannelResult result = SmtpOutcomes.failed(failure, SERVER, 1);

    assertThat(result.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(result.statusCode()).isNull();
    assertThat(result.reason()).startsWith("SMTP smtp.example.org:587: ").contains("Connection refused");
  }
}
