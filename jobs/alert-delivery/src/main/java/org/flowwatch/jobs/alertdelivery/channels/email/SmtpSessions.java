package org.flowwatch.jobs.alertdelivery.channels.email;

import jakarta.mail.Session;
import java.util.Properties;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings.TlsMode;

/** The Jakarta Mail session for the settings: cheap to create, it connects nothing until a message is sent. */
final class SmtpSessions {
  private SmtpSessions() {}

  /** "smtps" speaks TLS from the first byte; "smtp" is plain, upgraded by STARTTLS when required. */
  static String protocol(SmtpSettings settings) {
    return settings.tlsMode() == TlsMode.IMPLICIT_TLS ? "smtps" : "smtp";
  }

  static Session create(SmtpSettings settings) {
    String prefix = "mail." + protocol(settings) + ".";
    Properties properties = new Properties();
    properties.setProperty(prefix + "host", settings.host());
    properties.setProperty(prefix + "port", Integer.toString(settings.port()));
    properties.setProperty(prefix + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
    properties.setProperty(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
    // Without it a server that stops reading would block the operator's thread for good.
    properties.setProperty(prefix + "writetimeout", Long.toString(settings.readTimeout().toMillis()));
    properties.setProperty(prefix + "auth", Boolean.toString(settings.authenticates()));
    // The EHLO name; otherwise Jakarta Mail looks up the machine's own name, which can take seconds in a container.
    properties.setProperty(prefix + "localhost", settings.messageIdDomain());
    if (settings.tlsMode() == TlsMode.STARTTLS_REQUIRED) {
      properties.setProperty(prefix + "starttls.enable", "true");
      // Fail rather than send the password and the alerts in plain text when the server does not offer STARTTLS.
      properties.setProperty(prefix + "starttls.required", "true");
    }
    if (settings.tlsMode() != TlsMode.NONE) {
      properties.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    return Session.getInstance(properties);
  }
}
