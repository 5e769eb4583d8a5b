package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes of the file's values. Each rule reports what is wrong and says whether the value passed. */
final class FieldRules {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  // addr-spec with a dot-atom local part (RFC 5322 3.4.1), no quoted strings, no display name: what mail servers take.
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final Pattern ADDRESS = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*");
  // Kafka's own rule (org.apache.kafka.common.internals.Topic): legal characters, at most 249, not "." or "..".
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern NATIONALITY = Pattern.compile("[A-Z]{3}");
  private static final int LONGEST_SECRET_NAME = 64;

  private FieldRules() {}

  static boolean id(YamlText text, Problems problems) {
    return check(ID.matcher(text.value()).matches(), text, problems,
        "must be 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
  }

  static boolean notBlank(YamlText text, Problems problems) {
    return check(!text.value().isBlank(), text, problems, "must not be blank");
  }

  static boolean url(YamlText text, Problems problems) {
    URI uri;
    try {
      uri = new URI(text.value().strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    boolean web = uri != null && uri.getScheme() != null && uri.getHost() != null
        && (uri.getScheme().toLowerCase(Locale.ROOT).equals("http")
            || uri.getScheme().toLowerCase(Locale.ROOT).equals("https"));
    if (!check(web, text, problems, "must be an http or https URL")) {
      return false;
    }
    // Credentials in the URL would put a secret in the file, the topic and the delivery log.
    if (uri.getUserInfo() != null) {
      text.report(problems, "must not contain a user name or password; sign with a secret named in secrets instead");
      return false;
    }
    return true;
  }

  static boolean address(YamlText text, Problems problems) {
    return check(ADDRESS.matcher(text.value()).matches() && text.value().length() <= 254, text, problems,
        "must be an email address such as team@example.org");
  }

  static boolean topic(YamlText text, Problems problems) {
    boolean legal = TOPIC.matcher(text.value()).matches() && !text.value().equals(".") && !text.value().equals("..");
    return check(legal, text, problems,
        "must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-', and not '.' or '..'");
  }

  /** A secret's name. A value that looks like the secret itself is reported without being repeated. */
  static boolean secretName(YamlText text, Problems problems) {
    String value = text.value().strip();
    if (value.startsWith("whsec_") || value.length() > LONGEST_SECRET_NAME) {
      text.report(problems, "looks like a secret value; give the NAME of a secret, whose value the job reads from its "
          + "secrets file or environment");
      return false;
    }
    return check(SECRET_NAME.matcher(value).matches(), text, problems,
        "must be a secret's name: letters, digits, '.', '_', '-'");
  }

  /** A route or point code: any registry's, so only its shape is checked. */
  static boolean code(YamlText text, Problems problems) {
    return check(!text.value().isBlank() && text.value().chars().noneMatch(Character::isWhitespace), text, problems,
        "must be a code without spaces");
  }

  static boolean nationality(YamlText text, Problems problems) {
    return check(NATIONALITY.matcher(text.value()).matches(), text, problems,
        "must be an ISO 3166-1 alpha-3 code in upper case, e.g. NGA");
  }

  private static boolean check(boolean valid, YamlText text, Problems problems, String problem) {
    if (!valid) {
      text.report(problems, problem + ", was '" + text.value() + "'");
    }
    return valid;
  }
}
