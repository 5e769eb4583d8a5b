package org.flowwatch.jobs.flowaggregation.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.privacy.PrivacyKey;
import org.flowwatch.schema.SourceKind;
import org.junit.jupiter.api.Test;

class DuplicateDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CROSSED_AT = Instant.parse("2024-01-15T08:17:42.123Z").toEpochMilli();

  private final DuplicateDocuments documents = new DuplicateDocuments("flowwatch-duplicates", PrivacyKey.demo());

  @Test
  void neitherTheDocumentNorItsIdHoldsTheRecordId() throws Exception {
    IndexRequestEntry entry = documents.toDocument(new DuplicateRecord(SourceKind.BORDER_CROSSING, DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-ASM", "NE-ASM-000123"), CROSSED_AT, 1));

    assertThat(entry.id()).doesNotContain("NE-ASM-000123");
    assertThat(entry.sourceJson()).doesNotContain("NE-ASM-000123");
    JsonNode document = JSON.readTree(entry.sourceJson());
    assertThat(document.get("source_kind").asText()).isEqualTo("BORDER_CROSSING");
    assertThat(document.get("record_key_hmac").asText())
        .isEqualTo(PrivacyKey.demo().hmacHex(DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-ASM", "NE-ASM-000123")));
  }

  @Test
  void storesTheHourOfTheEventTimeNotTheExactTimeOfTheCrossing() throws Exception {
    IndexRequestEntry entry = documents.toDocument(new DuplicateRecord(SourceKind.BORDER_CROSSING, DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "c1"), CROSSED_AT, 1));

    assertThat(JSON.readTree(entry.sourceJson()).get("@timestamp").asText()).isEqualTo("2024-01-15T08:00:00Z");
    assertThat(entry.sourceJson()).doesNotContain("08:17");
    assertThat(entry.index()).isEqualTo("flowwatch-duplicates-2024.01.01");
  }

  @Test
  void resendsOfOneRecordShareTheirHashAndGetDistinctIds() throws Exception {
    IndexRequestEntry first = documents.toDocument(new DuplicateRecord(SourceKind.BORDER_CROSSING, DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "c1"), CROSSED_AT, 1));
    IndexRequestEntry second = documents.toDocument(new DuplicateRecord(SourceKind.BORDER_CROSSING, DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "c1"), CROSSED_AT, 2));

    assertThat(JSON.readTree(first.sourceJson()).get("record_key_hmac"))
        .isEqualTo(JSON.readTree(second.sourceJson()).get("record_key_hmac"));
    assertThat(first.id()).isNotEqualTo(second.id());
  }

  @Test
  void withoutTheKeyTheHashCannotBeRecomputedFromAGuessedId() throws Exception {
    PrivacyKey secret = PrivacyKey.load(Optional.empty(),
        Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, "the operator's secret key"));
    IndexRequestEntry entry = new DuplicateDocuments("flowwatch-duplicates", secret)
        .toDocument(new DuplicateRecord(SourceKind.BORDER_CROSSING, DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "c1"), CROSSED_AT, 1));

    assertThat(JSON.readTree(entry.sourceJson()).get("record_key_hmac").asText())
        .isNotEqualTo(PrivacyKey.demo().hmacHex(DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE-MAG", "c1")));
  }
}
