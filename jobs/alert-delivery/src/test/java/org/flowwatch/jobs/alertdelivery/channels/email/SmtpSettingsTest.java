package org.flowwatch.jobs.alertdelivery.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings.TlsMode;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void validSettingsAreKept() {
    SmtpSettings settings = new SmtpSettings("smtp.example.org", 587, "flowwatch <alerts@example.org>",
        TlsMode.STARTTLS_REQUIRED, "alerts", "smtp-password", TIMEOUT, TIMEOUT, "flowwatch.local",
        "https://dashboards.example.org");

    assertThat(settings.authenticates()).isTrue();
    assertThat(settings.passwordSecret()).isEqualTo("smtp-password");
  }

  @Test
  void eachInvalidFieldIsNamed() {
    assertInvalid("port", () -> settings("smtp.example.org", 0, "a@example.org", "alerts", "pw", "x.local",
        "https://d.example.org"));
    assertInvalid("host", () -> settings(" ", 25, "a@example.org", null, null, "x.local", "https://d.example.org"));
    assertInvalid("fromAddress", () -> settings("h", 25, "not an address", null, null, "x.local",
        "https://d.example.org"));
    assertInvalid("passwordSecret", () -> settings("h", 25, "a@example.org", "alerts", null, "x.local",
        "https://d.example.org"));
    assertInvalid("passwordSecret", () -> settings("h", 25, "a@example.org", null, "pw", "x.local",
        "https://d.example.org"));
    assertInvalid("username", () -> settings("h", 25, "a@example.org", "", "pw", "x.local", "https://d.example.org"));
    assertInvalid("messageIdDomain", () -> settings("h", 25, "a@example.org", null, null, "bad>domain",
        "https://d.example.org"));
    assertInvalid("dashboardUrl", () -> settings("h", 25, "a@example.org", null, null, "x.local",
        "javascript:alert(1)"));
    assertInvalid("tlsMode", () -> new SmtpSettings("h", 25, "a@example.org", null, null, null, TIMEOUT, TIMEOUT,
        "x.local", "https://d.example.org"));
    assertInvalid("readTimeout", () -> new SmtpSettings("h", 25, "a@example.org", TlsMode.NONE, null, null, TIMEOUT,
        Duration.ZERO, "x.local", "https://d.example.org"));
  }

  private static SmtpSettings settings(String host, int port, String from, String username, String passwordSecret,
      String domain, String dashboard) {
    return new SmtpSettings(host, port, from, TlsMode.NONE, username, passwordSecret, TIMEOUT, TIMEOUT, domain,
        dashboard);
  }

  private static void assertInvalid(String field, Runnable creation) {
    assertThatThrownBy(creation::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SMTP setting " + field + " ");
  }
}
