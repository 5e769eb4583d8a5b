package org.flowwatch.jobs.alertdelivery.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.message;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.routeSurge;
import static org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookFixtures.silentPoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Transition;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WebhookPayloads PAYLOADS =
      new WebhookPayloads(new DashboardLinks("https://dash.example.org/alerts?id={alertId}"));
  private static JsonSchema schema;

  @BeforeAll
  static void loadTheSchema() throws IOException {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream file = Files.newInputStream(Checkout.root().resolve("schemas/json/alert-message-v1.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(file, config);
    }
  }

  static Stream<Arguments> messages() {
    return Stream.of(Language.FR, Language.EN).flatMap(language -> Stream.of(
        Arguments.of("single", message(MessageKind.IMMEDIATE, language, routeSurge(Transition.OPENED)), language),
        Arguments.of("grouped", message(MessageKind.IMMEDIATE, language, routeSurge(Transition.ESCALATED),
            silentPoint()), language),
        Arguments.of("digest", message(MessageKind.DIGEST, language, routeSurge(Transition.OPENED),
            routeSurge(Transition.ESCALATED), routeSurge(Transition.RESOLVED), silentPoint()), language),
        Arguments.of("test", message(MessageKind.TEST, language, silentPoint()), language)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("messages")
  void everyKindOfMessageMatchesTheSchema(String name, AlertMessage message, Language language) throws IOException {
    JsonNode payload = JSON.readTree(PAYLOADS.json(message));

    Set<ValidationMessage> errors = schema.validate(payload);

    assertThat(errors).as(payload.toPrettyString()).isEmpty();
    assertThat(payload.at("/data/alerts")).hasSize(message.getChanges().size());
    assertThat(payload.at("/data/language").asText()).isEqualTo(language.name().toLowerCase());
  }

  @Test
  void theSchemaRefusesWhatThePayloadMustNotBe() throws IOException {
    JsonNode payload = JSON.readTree(PAYLOADS.json(message(MessageKind.IMMEDIATE, Language.EN, silentPoint())));
    ((ObjectNode) payload.at("/data/alerts/0")).put("unexpected", 1);
    ((ObjectNode) payload).put("timestamp", "30/11/2026");

    assertThat(schema.validate(payload)).extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/timestamp", "/data/alerts/0");
  }

  @Test
  void theEnvelopeAndAnAlertSayWhatTheyShould() throws IOException {
    AlertMessage message = message(MessageKind.IMMEDIATE, Language.FR, routeSurge(Transition.RESOLVED));

    JsonNode payload = JSON.readTree(PAYLOADS.json(message));

    assertThat(payload.get("type").asText()).isEqualTo("flowwatch.alert-message");
    assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-30T10:05:12.345Z");
    assertThat(payload.at("/data/message_id").asText()).isEqualTo(message.getId());
    assertThat(payload.at("/data/test").asBoolean()).isFalse();
    JsonNode alert = payload.at("/data/alerts/0");
    assertThat(alert.get("revision").asInt()).isEqualTo(3);
    assertThat(alert.get("transition").asText()).isEqualTo("RESOLVED");
    assertThat(alert.at("/series/route").asText()).isEqualTo("AGADEZ-LIBYA");
    assertThat(alert.at("/series/point").isNull()).isTrue();
    assertThat(alert.at("/area/regions/0").asText()).isEqualTo("Agadez");
    assertThat(alert.get("opened_at").asText()).isEqualTo("2026-11-30T08:00:00.000Z");
    assertThat(alert.get("resolved_at").asText()).isEqualTo("2026-11-30T10:00:00.000Z");
    assertThat(alert.get("headline").asText())
        .isEqualTo(AlertWording.headline(message.getChanges().get(0), Language.FR)).startsWith("Alerte afflux résolue");
    assertThat(alert.get("dashboard_url").asText()).isEqualTo(
        "https://dash.example.org/alerts?id=route%3DAGADEZ-LIBYA%7Cnationality%3DNGA%7CSURGE%7C2026-11-30T08%3A00Z");
  }

  @Test
  void theSameMessageGivesTheSameBytes() {
    AlertMessage message = message(MessageKind.DIGEST, Language.EN, List.of(routeSurge(Transition.OPENED),
        silentPoint()), List.of());
    AlertMessage copy = AlertMessage.newBuilder(message).build();

    assertThat(PAYLOADS.json(copy)).isEqualTo(PAYLOADS.json(message));
  }

  @Test
  void withoutADashboardTheLinkIsNull() throws IOException {
    JsonNode payload = JSON.readTree(new WebhookPayloads(new DashboardLinks(null))
        .json(message(MessageKind.TEST, Language.EN, silentPoint())));

    assertThat(payload.at("/data/alerts/0/dashboard_url").isNull()).isTrue();
    assertThat(payload.at("/data/test").asBoolean()).isTrue();
    assertThat(schema.validate(payload)).isEmpty();
  }
}
