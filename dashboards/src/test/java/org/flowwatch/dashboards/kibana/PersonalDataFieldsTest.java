package org.flowwatch.dashboards.kibana;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flowwatch.testing.Checkout;
import org.junit.jupiter.api.Test;

/**
 * No output can identify a person (a border registration is one person): walks every index template in
 * dashboards/elasticsearch/index-templates/ and every output Avro schema in schemas/src/main/avro/records/, and
 * fails on a field that names an identifier (ids, names, document numbers, birth dates, pseudonyms), holds a point
 * in time (it could be the exact time of one crossing) or raw bytes, unless the allow-list below says why it is safe.
 */
class PersonalDataFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TEMPLATES = Checkout.root().resolve("dashboards/elasticsearch/index-templates");
  private static final Path SCHEMAS = Checkout.root().resolve("schemas/src/main/avro");

  /** What the registries send: the jobs read these and write none of them. Every other record schema is an output. */
  private static final Set<String> INPUT_SCHEMAS = Set.of("FlowObservation", "CheckpointCrossing");

  /** Words of a field name that make it identifying (names are split at case changes, '_', '@' and '.'). */
  private static final Set<String> IDENTIFYING_WORDS = Set.of("id", "ids", "uuid", "name", "names", "surname",
      "forename", "firstname", "lastname", "passport", "document", "birth", "birthdate", "dob", "born", "phone",
      "email", "address", "photo", "biometric", "fingerprint", "bytes", "raw", "payload", "original", "hash", "hmac");
  private static final Set<String> TIME_TYPES = Set.of("date", "date_nanos", "timestamp-millis", "timestamp-micros",
      "local-timestamp-millis", "local-timestamp-micros", "date-logical");
  private static final Set<String> BYTE_TYPES = Set.of("binary", "bytes", "fixed");

  /** Fields that match the rules above but provably identify no one, each with the reason. */
  private static final Map<String, String> SAFE = Map.ofEntries(
      entry("flowwatch-flows @timestamp", "start of an hourly or daily window of counts, not of a crossing"),
      entry("flowwatch-flows window_end", "end of an hourly or daily window of counts"),
      entry("flowwatch-alerts @timestamp", "when a surge alert about a series of hourly counts changed"),
      entry("flowwatch-alerts alert_id", "identifies an alert on a series of counts (point/route, nationality), no person"),
      entry("flowwatch-alerts updated_at", "processing time of an alert on aggregated counts"),
      entry("flowwatch-alerts resolved_at", "processing time of an alert on aggregated counts"),
      entry("flowwatch-points name", "the name of a place (a monitoring point), not of a person"),
      entry("flowwatch-points updated_at", "processing time of a reference data change"),
      entry("flowwatch-rejected @timestamp", "processing time of the rejection, not the record's event time; the "
          + "document holds no id, bytes or traveller attributes that the time could be linked to"),
      entry("flowwatch-rejected elasticsearch.document_id", "id of an output document Elasticsearch refused: a cell "
          + "of counts, an alert, a point, a rejection's Kafka coordinates or a resend's HMAC; no output document is "
          + "keyed by a record id"),
      entry("flowwatch-duplicates @timestamp", "the hour of the event time, truncated (DuplicateDocumentsTest)"),
      entry("flowwatch-duplicates record_key_hmac", "HMAC-SHA256 under a secret key: groups the resends of one "
          + "record without revealing its id, and cannot be recomputed from a guessed id without the key"),
      entry("flowwatch-deliveries @timestamp", "when an alert message was sent to a partner team's endpoint: the "
          + "time of a delivery of alerts on aggregated counts, not of a crossing"),
      entry("flowwatch-deliveries next_attempt_at", "when the job will retry a delivery: processing time"),
      entry("flowwatch-deliveries message_id", "idempotency key of an alert message (a hash of subscription and "
          + "alerts), no person; the log holds no message body and no secret"),
      entry("flowwatch-deliveries subscription_id", "identifies a subscription, an organisation's partner team "
          + "(its channels are named webhook-1, email-1: no address is indexed), not a traveller"),
      entry("flowwatch-deliveries alert_ids", "identify alerts on series of counts (see flowwatch-alerts alert_id), "
          + "no person"),
      entry("FlowAggregate.windowStart", "start of a window of counts"),
      entry("FlowAggregate.windowEnd", "end of a window of counts"),
      entry("MonitoringPoint.name", "the name of a place, not of a person"),
      entry("SurgeAlert.id", "identifies an alert on a series of counts, no person"),
      entry("SurgeAlert.openedAt", "when an alert on aggregated counts opened"),
      entry("SurgeAlert.updatedAt", "when an alert on aggregated counts changed"),
      entry("SurgeAlert.resolvedAt", "when an alert on aggregated counts resolved"),
      entry("RejectedRecord.rejectedAt", "processing time of the rejection, not the record's event time"),
      entry("RejectedRecord.originalBytes", "written only to the rejected-records topic, which the job creates with "
          + "a bounded retention (kafka.rejected-retention, 7 days by default) so that the source can be fixed; "
          + "never indexed (RejectedRecordDocumentsTest)"));

  @Test
  void noIndexTemplateMapsAFieldThatCanIdentifyAPerson() {
    Map<String, String> findings = new TreeMap<>();
    templates().forEach((name, template) -> findings.putAll(templateFindings(name, template)));
    findings.keySet().removeAll(SAFE.keySet());
    assertThat(findings).as("fields that can identify a person").isEmpty();
  }

  @Test
  void noOutputSchemaHasAFieldThatCanIdentifyAPerson() {
    Map<String, String> findings = new TreeMap<>();
    outputSchemas().forEach(schema -> findings.putAll(schemaFindings(schema)));
    findings.keySet().removeAll(SAFE.keySet());
    assertThat(findings).as("fields that can identify a person").isEmpty();
  }

  @Test
  void everyOutputSchemaIsWalked() {
    assertThat(outputSchemas()).extracting(schema -> schema.get("name").asText())
        .contains("FlowAggregate", "RejectedRecord", "SurgeAlert", "MonitoringPoint")
        .doesNotContainAnyElementsOf(INPUT_SCHEMAS);
  }

  @Test
  void everyAllowedFieldExistsAndNeedsTheException() {
    // An exception for a field that is gone or harmless would hide the next field of that name.
    Map<String, String> findings = new TreeMap<>();
    templates().forEach((name, template) -> findings.putAll(templateFindings(name, template)));
    outputSchemas().forEach(schema -> findings.putAll(schemaFindings(schema)));
    assertThat(findings.keySet()).containsAll(SAFE.keySet());
  }

  @Test
  void catchesARecordIdAddedToATemplate() {
    ObjectNode template = (ObjectNode) templates().get("flowwatch-rejected").deepCopy();
    ((ObjectNode) template.at("/template/mappings/properties")).putObject("recordId").put("type", "keyword");

    assertThat(templateFindings("flowwatch-rejected", template)).containsKey("flowwatch-rejected recordId");
  }

  @Test
  void catchesNamesBirthDatesCrossingTimesAndBytesAddedToAnOutputSchema() throws IOException {
    JsonNode schema = JSON.readTree("""
        {"type": "record", "name": "Leak", "fields": [
          {"name": "travellerName", "type": "string"},
          {"name": "document_number", "type": "string"},
          {"name": "birthDate", "type": {"type": "int", "logicalType": "date"}},
          {"name": "crossedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "raw", "type": "bytes"},
          {"name": "nested", "type": {"type": "record", "name": "Inner", "fields": [{"name": "passportNo", "type": "string"}]}},
          {"name": "travellers", "type": "long"}
        ]}""");

    assertThat(schemaFindings(schema)).containsOnlyKeys("Leak.travellerName", "Leak.document_number",
        "Leak.birthDate", "Leak.crossedAt", "Leak.raw", "Leak.nested.passportNo");
  }

  private static Map<String, String> templateFindings(String name, JsonNode template) {
    Map<String, String> findings = new TreeMap<>();
    Templates.fields(template).forEach((field, type) ->
        identifying(field, type).ifPresent(why -> findings.put(name + " " + field, why)));
    return findings;
  }

  private static Map<String, String> schemaFindings(JsonNode record) {
    Map<String, String> findings = new TreeMap<>();
    walkRecord(record.get("name").asText(), record, findings);
    return findings;
  }

  private static void walkRecord(String path, JsonNode record, Map<String, String> findings) {
    for (JsonNode field : record.get("fields")) {
      String fieldPath = path + "." + field.get("name").asText();
      for (JsonNode type : branches(field.get("type"))) {
        identifying(field.get("name").asText(), typeName(type)).ifPresent(why -> findings.put(fieldPath, why));
        namedRecord(type).ifPresent(nested -> walkRecord(fieldPath, nested, findings));
      }
    }
  }

  /** The types a field can hold: the branches of a union, the items of an array, the values of a map. */
  private static List<JsonNode> branches(JsonNode type) {
    List<JsonNode> branches = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(branch -> branches.addAll(branches(branch)));
    } else if (type.isObject() && type.has("items")) {
      branches.addAll(branches(type.get("items")));
    } else if (type.isObject() && type.has("values")) {
      branches.addAll(branches(type.get("values")));
    } else {
      branches.add(type);
    }
    return branches;
  }

  private static String typeName(JsonNode type) {
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.has("logicalType")) {
      String logical = type.get("logicalType").asText();
      return logical.equals("date") ? "date-logical" : logical;
    }
    return type.get("type").asText();
  }

  /** An inline record, or a named one from common/ (e.g. "org.flowwatch.schema.Vulnerabilities"). */
  private static Optional<JsonNode> namedRecord(JsonNode type) {
    if (type.isObject() && "record".equals(type.path("type").asText())) {
      return Optional.of(type);
    }
    if (type.isTextual() && type.asText().contains(".")) {
      String simpleName = type.asText().substring(type.asText().lastIndexOf('.') + 1);
      Path file = SCHEMAS.resolve("common").resolve(simpleName + ".avsc");
      JsonNode named = Files.isRegularFile(file) ? read(file) : null;
      return named != null && "record".equals(named.path("type").asText()) ? Optional.of(named) : Optional.empty();
    }
    return Optional.empty();
  }

  static Optional<String> identifying(String fieldName, String type) {
    List<String> words = Arrays.stream(fieldName.split("(?<=[a-z0-9])(?=[A-Z])|[_@.\\-]"))
        .filter(word -> !word.isEmpty()).map(word -> word.toLowerCase(Locale.ROOT)).toList();
    for (String word : words) {
      if (IDENTIFYING_WORDS.contains(word)) {
        return Optional.of("names an identifier ('" + word + "')");
      }
    }
    boolean namedLikeATime = words.size() > 1 && words.get(words.size() - 1).equals("at") // crossedAt, updated_at
        || String.join("", words).contains("eventtime");
    if (TIME_TYPES.contains(type) || namedLikeATime) {
      return Optional.of("a point in time: it could be the exact time of one crossing");
    }
    if (BYTE_TYPES.contains(type)) {
      return Optional.of("raw bytes: they can hold anything the record held");
    }
    return Optional.empty();
  }

  private static Map<String, JsonNode> templates() {
    Map<String, JsonNode> templates = new TreeMap<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      files.filter(file -> file.toString().endsWith(".json")).forEach(file ->
          templates.put(file.getFileName().toString().replace(".json", ""), read(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(templates).as("index templates in " + TEMPLATES).isNotEmpty();
    return templates;
  }

  private static List<JsonNode> outputSchemas() {
    try (Stream<Path> files = Files.list(SCHEMAS.resolve("records"))) {
      return files.filter(file -> file.toString().endsWith(".avsc")).sorted().map(PersonalDataFieldsTest::read)
          .filter(schema -> !INPUT_SCHEMAS.contains(schema.get("name").asText())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
