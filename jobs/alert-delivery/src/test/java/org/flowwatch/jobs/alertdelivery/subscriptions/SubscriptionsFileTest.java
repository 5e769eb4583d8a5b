package org.flowwatch.jobs.alertdelivery.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.delivery.DigestSchedule;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.SeriesLevel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.Test;

class SubscriptionsFileTest {
  /** A valid subscription (lines 2 to 9 of a file), to which a test appends what it needs at line 10 and on. */
  private static final String VALID = """
      subscriptions:
        - id: team-a
          name: Team A
          language: en
          channels:
            - webhook:
                url: https://hooks.example.org/a
                secrets: [hook-a]
            - email: {to: [a@example.org]}
      """;

  @Test
  void theExampleFileParses() throws Exception {
    try (Reader reader = Files.newBufferedReader(Checkout.root().resolve("docs/examples/subscriptions.yaml"))) {
      List<Subscription> subscriptions = SubscriptionsFile.parse("subscriptions.yaml", reader);

      assertThat(subscriptions).extracting(Subscription::getId)
          .containsExactly("unhcr-agadez-protection", "iom-niamey-digest", "partner-feed");
      assertThat(subscriptions.get(1).getDigest()).isEqualTo(new DigestSchedule("07:00", "Africa/Niamey"));
      assertThat(subscriptions.get(2).getWebhooks().get(0).getSecrets())
          .containsExactly("ews-hook-2025", "ews-hook-2026");
    }
  }

  @Test
  void readsEveryField() throws Exception {
    List<Subscription> subscriptions = parse("""
        subscriptions:
          - id: unhcr-agadez-protection
            name: UNHCR Agadez protection team
            language: fr
            owner: protection-agadez@example.org
            channels:
              - webhook:
                  url: https://hooks.example.org/flowwatch
                  secrets: [unhcr-hook-2026]
                  format: cap
              - email:
                  to: [protection-agadez@example.org]
              - kafka:
                  topic: partners.unhcr.alerts
            filters:
              signals: [surge, collapse]
              min-severity: medium
              transitions: [opened, escalated, resolved]
              levels: [route, route-nationality, point]
              routes: [AGADEZ-LIBYA]
              points: [NE-AGZ-01]
              regions: [Agadez]
              nationalities: [NGA]
              directions: [outgoing]
            delivery:
              mode: digest
              digest-at: "07:00"
              time-zone: Africa/Niamey
        """);

    Subscription subscription = subscriptions.get(0);
    assertThat(subscription.getName()).isEqualTo("UNHCR Agadez protection team");
    assertThat(subscription.getLanguage()).isEqualTo(Language.FR);
    assertThat(subscription.getOwner()).isEqualTo("protection-agadez@example.org");
    assertThat(subscription.getWebhooks().get(0).getUrl()).isEqualTo("https://hooks.example.org/flowwatch");
    assertThat(subscription.getWebhooks().get(0).getSecrets()).containsExactly("unhcr-hook-2026");
    assertThat(subscription.getWebhooks().get(0).getFormat()).isEqualTo(PayloadFormat.CAP);
    assertThat(subscription.getEmails().get(0).getTo()).containsExactly("protection-agadez@example.org");
    assertThat(subscription.getKafkaTopics().get(0).getTopic()).isEqualTo("partners.unhcr.alerts");
    var filters = subscription.getFilters();
    assertThat(filters.getSignals()).containsExactly(AlertSignal.SURGE, AlertSignal.COLLAPSE);
    assertThat(filters.getMinSeverity()).isEqualTo(AlertSeverity.MEDIUM);
    assertThat(filters.getTransitions()).containsExactly(Transition.values());
    assertThat(filters.getLevels()).containsExactly(SeriesLevel.ROUTE, SeriesLevel.ROUTE_NATIONALITY,
        SeriesLevel.POINT);
    assertThat(filters.getRoutes()).containsExactly("AGADEZ-LIBYA");
    assertThat(filters.getPoints()).containsExactly("NE-AGZ-01");
    assertThat(filters.getRegions()).containsExactly("Agadez");
    assertThat(filters.getNationalities()).containsExactly("NGA");
    assertThat(filters.getDirections()).containsExactly(Direction.OUTGOING);
    assertThat(subscription.getDigest()).isEqualTo(new DigestSchedule("07:00", "Africa/Niamey"));
  }

  @Test
  void defaultsMatchAnythingImmediatelyAsJson() throws Exception {
    Subscription subscription = parse(VALID).get(0);

    assertThat(subscription.getOwner()).isNull();
    assertThat(subscription.getWebhooks().get(0).getFormat()).isEqualTo(PayloadFormat.JSON);
    assertThat(subscription.getFilters().getMinSeverity()).isEqualTo(AlertSeverity.LOW);
    assertThat(subscription.getFilters().getSignals()).isEmpty();
    assertThat(subscription.getDigest()).isNull();
  }

  @Test
  void anEmptyFiltersSectionAndAnExplicitImmediateModeAreFine() throws Exception {
    Subscription subscription = parse(VALID + """
            filters:
            delivery: {mode: immediate}
        """).get(0);

    assertThat(subscription.getFilters().getRoutes()).isEmpty();
    assertThat(subscription.getDigest()).isNull();
  }

  @Test
  void listsEveryProblemInTheOrderOfTheFile() {
    List<String> problems = problems(VALID + """
            language: de
          - id: team-b
            name: Team B
            language: xx
            channels:
              - webhook: {url: 'ftp://x', secrets: [b]}
        """);

    assertThat(problems).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].language: given twice (first at line 4)",
        "subscriptions.yaml line 13: subscriptions[1].language: must be one of fr, en, was 'xx'",
        "subscriptions.yaml line 15: subscriptions[1].channels[0].webhook.url: must be an http or https URL, "
            + "was 'ftp://x'");
  }

  @Test
  void theExceptionMessageHoldsEveryProblem() {
    InvalidSubscriptionsException e = catchThrowableOfType(InvalidSubscriptionsException.class,
        () -> SubscriptionsFile.parse("s.yaml", new StringReader("subscriptions: []\nother: 1\n")));

    assertThat(e.getMessage()).isEqualTo("1 problem in the subscriptions:\n"
        + "s.yaml line 2: other: unknown key; allowed here: subscriptions");
  }

  @Test
  void unknownKeysAreNamedWithTheAllowedOnes() {
    assertThat(problems(VALID + """
            filter: {routes: [A]}
            filters: {route: [A]}
        """)).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].filter: unknown key; allowed here: id, name, language, owner, "
            + "channels, filters, delivery",
        "subscriptions.yaml line 11: subscriptions[0].filters.route: unknown key; allowed here: signals, "
            + "min-severity, transitions, levels, routes, points, regions, nationalities, directions");
  }

  @Test
  void wrongTypesAreReported() {
    assertThat(problems(VALID + """
            filters:
              routes: AGADEZ-LIBYA
              points: [[NE-AGZ]]
            delivery: digest
        """)).containsExactly(
        "subscriptions.yaml line 11: subscriptions[0].filters.routes: must be a list, e.g. [a, b], was a single value",
        "subscriptions.yaml line 12: subscriptions[0].filters.points[0]: must be a single value, was a list",
        "subscriptions.yaml line 13: subscriptions[0].delivery: must be a mapping of mode, digest-at, time-zone, "
            + "was a single value");
  }

  @Test
  void requiredFieldsAreReported() {
    assertThat(problems("""
        subscriptions:
          - id: team-a
            channels: []
          - name: Team B
            language: en
            channels:
              - email: {}
              - webhook: {url: https://h.example.org}
              - kafka:
        """)).containsExactly(
        "subscriptions.yaml line 2: subscriptions[0].name: is required",
        "subscriptions.yaml line 2: subscriptions[0].language: is required",
        "subscriptions.yaml line 3: subscriptions[0].channels: must not be empty: at least one channel: webhook, "
            + "email, kafka",
        "subscriptions.yaml line 4: subscriptions[1].id: is required",
        "subscriptions.yaml line 7: subscriptions[1].channels[0].email.to: is required: at least one address",
        "subscriptions.yaml line 8: subscriptions[1].channels[1].webhook.secrets: is required: the name of at least "
            + "one signing secret",
        "subscriptions.yaml line 9: subscriptions[1].channels[2]: must hold exactly one of webhook, email, kafka, "
            + "held 0");
  }

  @Test
  void anEmptyListOfSubscriptionsIsASetWithoutAny() throws Exception {
    assertThat(parse("subscriptions: []\n")).isEmpty();
  }

  @Test
  void aFileWithoutSubscriptionsIsReported() {
    assertThat(problems("")).containsExactly(
        "subscriptions.yaml: is empty; it must start with 'subscriptions:' and a list of subscriptions");
    assertThat(problems("subscription: []\n")).containsExactly(
        "subscriptions.yaml line 1: subscription: unknown key; allowed here: subscriptions",
        "subscriptions.yaml line 1: subscriptions: is required: a list of subscriptions");
  }

  @Test
  void aChannelHoldsExactlyOneKind() {
    assertThat(problems(VALID + """
              - email: {to: [b@example.org]}
                kafka: {topic: b}
              - sms: {to: '+227'}
        """)).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].channels[2]: must hold exactly one of webhook, email, kafka, "
            + "held 2",
        "subscriptions.yaml line 12: subscriptions[0].channels[3].sms: unknown key; allowed here: webhook, email, "
            + "kafka",
        "subscriptions.yaml line 12: subscriptions[0].channels[3]: must hold exactly one of webhook, email, kafka, "
            + "held 0");
  }

  @Test
  void idsHaveAShapeAndAreUnique() {
    assertThat(problems(VALID + """
          - id: team-a
            name: Again
            language: en
            channels: [{kafka: {topic: again}}]
          - id: Team_B
            name: B
            language: en
            channels: [{kafka: {topic: b}}]
        """)).containsExactly(
        "subscriptions.yaml line 10: subscriptions[1].id: duplicate id 'team-a', first used at line 2",
        "subscriptions.yaml line 14: subscriptions[2].id: must be 1 to 64 of a-z, 0-9, '.', '_', '-', starting with "
            + "a letter or digit, was 'Team_B'");
  }

  @Test
  void anIdLongerThan64IsRejected() {
    String id = "a".repeat(65);
    assertThat(problems(VALID.replace("team-a", id))).singleElement().asString()
        .startsWith("subscriptions.yaml line 2: subscriptions[0].id: must be 1 to 64");
    assertThat(problems(VALID.replace("team-a", "a".repeat(64)))).isEmpty();
  }

  @Test
  void enumsListTheirAllowedValues() {
    assertThat(problems(VALID + """
            filters:
              signals: [surge, spike]
              min-severity: critical
              transitions: [closed]
              levels: [country]
              directions: [unknown]
            delivery: {mode: weekly}
        """)).containsExactly(
            "subscriptions.yaml line 11: subscriptions[0].filters.signals[1]: must be one of surge, collapse, "
                + "silence, was 'spike'",
            "subscriptions.yaml line 12: subscriptions[0].filters.min-severity: must be one of low, medium, high, "
                + "was 'critical'",
            "subscriptions.yaml line 13: subscriptions[0].filters.transitions[0]: must be one of opened, escalated, "
                + "resolved, was 'closed'",
            "subscriptions.yaml line 14: subscriptions[0].filters.levels[0]: must be one of route, "
                + "route-nationality, point, was 'country'",
            "subscriptions.yaml line 15: subscriptions[0].filters.directions[0]: must be one of incoming, outgoing, "
                + "transit, was 'unknown'",
            "subscriptions.yaml line 16: subscriptions[0].delivery.mode: must be one of immediate, digest, was "
                + "'weekly'");
  }

  @Test
  void aWebhookFormatIsJsonOrCap() {
    assertThat(problems(VALID.replace("secrets: [hook-a]", "secrets: [hook-a]\n          format: xml")))
        .containsExactly("subscriptions.yaml line 9: subscriptions[0].channels[0].webhook.format: must be one of "
            + "json, cap, was 'xml'");
  }

  @Test
  void urlsAreHttpOrHttpsWithAHostAndNoCredentials() {
    assertThat(problems(VALID.replace("https://hooks.example.org/a", "ftp://x"))).containsExactly(
        "subscriptions.yaml line 7: subscriptions[0].channels[0].webhook.url: must be an http or https URL, "
            + "was 'ftp://x'");
    assertThat(problems(VALID.replace("https://hooks.example.org/a", "hooks.example.org/a"))).hasSize(1);
    assertThat(problems(VALID.replace("https://hooks.example.org/a", "'https:// spaces'"))).hasSize(1);
    assertThat(problems(VALID.replace("https://hooks.example.org/a", "https://u:p@hooks.example.org/a")))
        .containsExactly("subscriptions.yaml line 7: subscriptions[0].channels[0].webhook.url: must not contain a "
            + "user name or password; sign with a secret named in secrets instead");
    assertThat(problems(VALID.replace("https://hooks.example.org/a", "http://127.0.0.1:8080/hook"))).isEmpty();
  }

  @Test
  void addressesAreAddrSpecs() {
    assertThat(problems(VALID.replace("[a@example.org]", "[a@example.org, 'Team <b@example.org>', c, d@e..org]")
        + "    owner: nobody\n")).containsExactly(
        "subscriptions.yaml line 9: subscriptions[0].channels[1].email.to[1]: must be an email address such as "
            + "team@example.org, was 'Team <b@example.org>'",
        "subscriptions.yaml line 9: subscriptions[0].channels[1].email.to[2]: must be an email address such as "
            + "team@example.org, was 'c'",
        "subscriptions.yaml line 9: subscriptions[0].channels[1].email.to[3]: must be an email address such as "
            + "team@example.org, was 'd@e..org'",
        "subscriptions.yaml line 10: subscriptions[0].owner: must be an email address such as team@example.org, "
            + "was 'nobody'");
  }

  @Test
  void kafkaTopicsFollowKafkasRule() {
    String legal = "a".repeat(249);
    assertThat(problems(VALID + """
              - kafka: {topic: 'partners alerts'}
              - kafka: {topic: '..'}
              - kafka: {topic: %s}
              - kafka: {topic: %s}
        """.formatted(legal, legal + "a"))).extracting(problem -> problem.substring(0, problem.indexOf(": must")))
        .containsExactly(
            "subscriptions.yaml line 10: subscriptions[0].channels[2].kafka.topic",
            "subscriptions.yaml line 11: subscriptions[0].channels[3].kafka.topic",
            "subscriptions.yaml line 13: subscriptions[0].channels[5].kafka.topic");
    assertThat(problems(VALID + "      - kafka: {topic: '.'}\n")).singleElement().asString().endsWith(
        "must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-', and not '.' or '..', was '.'");
  }

  @Test
  void aWebhookNeedsTheNameOfASecret() {
    assertThat(problems(VALID.replace("secrets: [hook-a]", "secrets: []"))).containsExactly(
        "subscriptions.yaml line 8: subscriptions[0].channels[0].webhook.secrets: must not be empty: the name of at "
            + "least one signing secret");
    assertThat(problems(VALID.replace("secrets: [hook-a]", "secrets: ['hook a']"))).containsExactly(
        "subscriptions.yaml line 8: subscriptions[0].channels[0].webhook.secrets[0]: must be a secret's name: "
            + "letters, digits, '.', '_', '-', was 'hook a'");
  }

  @Test
  void aSecretValueWhereANameBelongsIsRejectedWithoutRepeatingIt() {
    String pasted = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String longValue = "k".repeat(65);
    List<String> problems = problems(VALID.replace("[hook-a]", "[hook-a, " + pasted + ", " + longValue + "]"));

    String expected = ": looks like a secret value; give the NAME of a secret, whose value the job reads from its "
        + "secrets file or environment";
    assertThat(problems).containsExactly(
        "subscriptions.yaml line 8: subscriptions[0].channels[0].webhook.secrets[1]" + expected,
        "subscriptions.yaml line 8: subscriptions[0].channels[0].webhook.secrets[2]" + expected);
    assertThat(String.join("\n", problems)).doesNotContain(pasted).doesNotContain(longValue);
  }

  @Test
  void codesAreOfAnyRegistryButWithoutSpaces() throws Exception {
    assertThat(parse(VALID + "    filters: {routes: [SOME-OTHER-ROUTE], points: [XX-01]}\n").get(0).getFilters()
        .getPoints()).containsExactly("XX-01");
    assertThat(problems(VALID + """
            filters:
              routes: ['AGADEZ LIBYA', '']
              points: ['  ']
              regions: ['', Tillabéri, Île de France]
        """)).containsExactly(
        "subscriptions.yaml line 11: subscriptions[0].filters.routes[0]: must be a code without spaces, "
            + "was 'AGADEZ LIBYA'",
        "subscriptions.yaml line 11: subscriptions[0].filters.routes[1]: must be a code without spaces, was ''",
        "subscriptions.yaml line 12: subscriptions[0].filters.points[0]: must be a code without spaces, was '  '",
        "subscriptions.yaml line 13: subscriptions[0].filters.regions[0]: must not be blank, was ''");
  }

  @Test
  void nationalitiesAreUpperCaseAlpha3() {
    assertThat(problems(VALID + "    filters: {nationalities: [NGA, ng, nga, NGAA]}\n")).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].filters.nationalities[1]: must be an ISO 3166-1 alpha-3 code "
            + "in upper case, e.g. NGA, was 'ng'",
        "subscriptions.yaml line 10: subscriptions[0].filters.nationalities[2]: must be an ISO 3166-1 alpha-3 code "
            + "in upper case, e.g. NGA, was 'nga'",
        "subscriptions.yaml line 10: subscriptions[0].filters.nationalities[3]: must be an ISO 3166-1 alpha-3 code "
            + "in upper case, e.g. NGA, was 'NGAA'");
  }

  @Test
  void aDigestNeedsAValidTimeAndZone() {
    assertThat(problems(VALID + "    delivery: {mode: digest}\n")).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].delivery.digest-at: is required",
        "subscriptions.yaml line 10: subscriptions[0].delivery.time-zone: is required");
    assertThat(problems(VALID + """
            delivery:
              mode: digest
              digest-at: 7:00
              time-zone: Africa/Nowhere
        """)).containsExactly(
        "subscriptions.yaml line 12: subscriptions[0].delivery.digest-at: must be a time of day HH:mm, quoted, "
            + "e.g. \"07:00\", was '7:00'",
        "subscriptions.yaml line 13: subscriptions[0].delivery.time-zone: must be a time zone id such as "
            + "Africa/Niamey or an offset such as +01:00, was 'Africa/Nowhere'");
  }

  @Test
  void aDigestAcceptsAnOffsetAndAnUnquotedTime() throws Exception {
    Subscription subscription = parse(VALID + """
            delivery: {mode: digest, digest-at: 18:30, time-zone: '+01:00'}
        """).get(0);

    assertThat(subscription.getDigest()).isEqualTo(new DigestSchedule("18:30", "+01:00"));
  }

  @Test
  void digestFieldsWithoutTheDigestModeAreReported() {
    assertThat(problems(VALID + "    delivery: {digest-at: '07:00'}\n")).containsExactly(
        "subscriptions.yaml line 10: subscriptions[0].delivery.digest-at: applies only with mode: digest");
  }

  @Test
  void invalidYamlNamesItsLine() {
    assertThat(problems("subscriptions:\n  - id: a\n    name: [unclosed\n")).singleElement().asString()
        .startsWith("subscriptions.yaml line 4: not valid YAML: ");
  }

  private static List<Subscription> parse(String yaml) throws InvalidSubscriptionsException {
    return SubscriptionsFile.parse("subscriptions.yaml", new StringReader(yaml));
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
      return List.of();
    } catch (InvalidSubscriptionsException e) {
      return e.problems();
    }
  }
}
