package org.flowwatch.jobs.alertdelivery.channels.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the job reaches its SMTP server. Built from the job's options and shipped to the operators, hence serializable;
 * it holds the name of the password's secret, never the password.
 *
 * @param fromAddress the From of every email, e.g. {@code flowwatch <alerts@example.org>}
 * @param username null when the server takes mail without authentication
 * @param passwordSecret the name of the password's secret in {@code Secrets}; set exactly when {@code username} is
 * @param messageIdDomain the right-hand side of Message-IDs, e.g. {@code flowwatch.local}
 * @param dashboardUrl the dashboard every email links to (http or https)
 */
public record SmtpSettings(String host, int port, String fromAddress, TlsMode tlsMode, String username,
    String passwordSecret, Duration connectTimeout, Duration readTimeout, String messageIdDomain, String dashboardUrl)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What may stand between '@' and '>' in a Message-ID (RFC 5322 dot-atom, conservatively). */
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

  /** How the connection to the server is protected. */
  public enum TlsMode {
    /** Plain SMTP: a relay on the same host or a trusted network only. */
    NONE,
    /** Plain SMTP upgraded with STARTTLS, which the server must offer: never falls back to plain text. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT_TLS
  }

  public SmtpSettings {
    require(host != null && !host.isBlank(), "host", "must be set");
    require(port >= 1 && port <= 65_535, "port", "must be between 1 and 65535, was " + port);
    require(fromAddress != null && isAddress(fromAddress), "fromAddress",
        "must be an email address, was '" + fromAddress + "'");
    require(tlsMode != null, "tlsMode", "must be one of NONE, STARTTLS_REQUIRED, IMPLICIT_TLS");
    require(username == null || !username.isBlank(), "username", "must not be blank (null: no authentication)");
    require(passwordSecret == null || !passwordSecret.isBlank(), "passwordSecret",
        "must not be blank (null: no authentication)");
    require((username == null) == (passwordSecret == null), "passwordSecret",
        "must be set exactly when username is set");
    require(isPositive(connectTimeout), "connectTimeout", "must be positive, was " + connectTimeout);
    require(isPositive(readTimeout), "readTimeout", "must be positive, was " + readTimeout);
    require(messageIdDomain != null && DOMAIN.matcher(messageIdDomain).matches(), "messageIdDomain",
        "must be a domain such as flowwatch.local, was '" + messageIdDomain + "'");
    require(dashboardUrl != null && isWebAddress(dashboardUrl), "dashboardUrl",
        "must be an absolute http or https URL, was '" + dashboardUrl + "'");
  }

  public boolean authenticates() {
    return username != null;
  }

  private static void require(boolean valid, String field, String problem) {
    if (!valid) {
      throw new IllegalArgumentException("SMTP setting " + field + " " + problem);
    }
  }

  private static boolean isAddress(String address) {
    try {
      new InternetAddress(address, true);
      return true;
    } catch (AddressException e) {
      return false;
    }
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  private static boolean isWebAddress(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute() && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
