package org.flowwatch.jobs.alertdelivery.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.DeliveryOutcome;
import org.flowwatch.schema.delivery.MessageKind;
import org.junit.jupiter.api.Test;

/**
 * The delivery log's documents against the index template that maps them (flowwatch-deliveries.json, on the class
 * path from the dashboards module): the template is strict, so a field it does not map would be refused, and a value
 * of the wrong kind would fail the whole document.
 */
class DeliveryDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant ATTEMPTED_AT = Instant.parse("2026-11-03T08:15:30.250Z");

  private final DeliveryDocuments documents = new DeliveryDocuments("flowwatch-deliveries");

  @Test
  void aRetryingAttemptHasExactlyTheFieldsTheTemplateMapsWithValuesOfTheirTypes() throws Exception {
    IndexRequestEntry entry = documents.toDocument(attempt(DeliveryOutcome.RETRYING, 503, "HTTP 503 Service Unavailable",
        ATTEMPTED_AT.plusSeconds(60)));
    JsonNode document = JSON.readTree(entry.sourceJson());
    Map<String, String> mapped = templateFields();

    List<String> fields = new ArrayList<>();
    document.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrderElementsOf(mapped.keySet());
    mapped.forEach((field, type) -> assertThat(fitsType(document.get(field), type))
        .as("%s = %s as %s", field, document.get(field), type).isTrue());

    assertThat(document.get("@timestamp").asText()).isEqualTo("2026-11-03T08:15:30.250Z");
    assertThat(document.get("next_attempt_at").asText()).isEqualTo("2026-11-03T08:16:30.250Z");
    assertThat(document.get("channel").asText()).isEqualTo("webhook-1");
    assertThat(document.get("channel_type").asText()).isEqualTo("WEBHOOK");
    assertThat(document.get("outcome").asText()).isEqualTo("RETRYING");
    assertThat(document.get("alert_ids")).extracting(JsonNode::asText).containsExactly("alert-1", "alert-2");
    assertThat(document.get("revisions")).extracting(JsonNode::asInt).containsExactly(1, 3);
    assertThat(document.get("status_code").asInt()).isEqualTo(503);
  }

  @Test
  void aDeliveryWithoutStatusReasonOrNextAttemptLeavesThemOutAndStaysWithinTheTemplate() throws Exception {
    JsonNode document = JSON.readTree(documents.toDocument(attempt(DeliveryOutcome.DELIVERED, null, null, null))
        .sourceJson());
    Map<String, String> mapped = templateFields();

    List<String> fields = new ArrayList<>();
    document.fieldNames().forEachRemaining(fields::add);
    assertThat(mapped.keySet()).containsAll(fields);
    assertThat(fields).doesNotContain("status_code", "reason", "next_attempt_at");
    fields.forEach(field -> assertThat(fitsType(document.get(field), mapped.get(field))).as(field).isTrue());
  }

  @Test
  void goesToTheMonthOfTheAttemptWithAnIdThatAReplayOverwrites() {
    IndexRequestEntry first = documents.toDocument(attempt(DeliveryOutcome.DEAD_LETTERED, 410, "disabled", null));
    IndexRequestEntry replayed = documents.toDocument(attempt(DeliveryOutcome.DEAD_LETTERED, 410, "disabled", null));

    assertThat(first.index()).isEqualTo("flowwatch-deliveries-2026.11.01");
    assertThat(first.id()).isEqualTo(replayed.id()).isEqualTo("msg_0123abcd:sub-ops:webhook-1:2:DEAD_LETTERED");
  }

  @Test
  void theTemplateMatchesTheDatedIndexNames() throws Exception {
    JsonNode template = template();
    assertThat(template.get("index_patterns")).extracting(JsonNode::asText).containsExactly("flowwatch-deliveries*");
    assertThat(template.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
  }

  private static DeliveryAttempt attempt(DeliveryOutcome outcome, Integer statusCode, String reason,
      Instant nextAttemptAt) {
    return DeliveryAttempt.newBuilder()
        .setMessageId("msg_0123abcd")
        .setSubscriptionId("sub-ops")
        .setChannel("webhook-1")
        .setChannelType(ChannelType.WEBHOOK)
        .setKind(MessageKind.IMMEDIATE)
        .setAlertIds(List.of("alert-1", "alert-2"))
        .setRevisions(List.of(1, 3))
        .setAttempt(2)
        .setOutcome(outcome)
        .setStatusCode(statusCode)
        .setReason(reason)
        .setLatencyMillis(842L)
        .setAttemptedAt(ATTEMPTED_AT)
        .setNextAttemptAt(nextAttemptAt)
        .build();
  }

  /** Whether Elasticsearch takes this JSON value (or each element of this array) into a field of this type. */
  private static boolean fitsType(JsonNode value, String type) {
    if (value.isArray()) {
      boolean all = !value.isEmpty();
      for (JsonNode element : value) {
        all &= fitsType(element, type);
      }
      return all;
    }
    return switch (type) {
      case "keyword", "text" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() && value.canConvertToInt();
      case "long" -> value.isIntegralNumber() && value.canConvertToLong();
      case "date" -> value.isTextual() && parses(value.asText());
      default -> false;
    };
  }

  private static boolean parses(String instant) {
    try {
      Instant.parse(instant);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The template's mapped fields, field -> type (the delivery log has no object fields). */
  private static Map<String, String> templateFields() throws Exception {
    Map<String, String> fields = new TreeMap<>();
    template().at("/template/mappings/properties").fields().forEachRemaining(field -> {
      assertThat(field.getValue().has("properties")).as("flat mapping: " + field.getKey()).isFalse();
      fields.put(field.getKey(), field.getValue().get("type").asText());
    });
    return fields;
  }

  private static JsonNode template() throws Exception {
    try (InputStream in = DeliveryDocumentsTest.class.getResourceAsStream(
        "/flowwatch/dashboards/elasticsearch/index-templates/flowwatch-deliveries.json")) {
      assertThat(in).as("the dashboards module's template on the class path").isNotNull();
      return JSON.readTree(in);
    }
  }
}
