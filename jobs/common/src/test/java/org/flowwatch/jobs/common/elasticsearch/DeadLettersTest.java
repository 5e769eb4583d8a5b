package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A report names the refused document and Elasticsearch's error, never the document's content. */
class DeadLettersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IndexRequestEntry DOCUMENT = IndexRequestEntry.versioned("flowwatch-flows-hourly-2024.01.01",
      "POINT|HOURLY|NE-AGZ|IN|NER|2024-05-06T10:00:00Z", "{\"travellers\": \"Moussa Ibrahim\"}", 3);
  private static final ErrorCause MAPPING_CONFLICT = ErrorCause.of(e -> e.type("document_parsing_exception")
      .reason("[1:16] failed to parse field [travellers] of type [long] in document with id "
          + "'POINT|HOURLY|NE-AGZ|IN|NER|2024-05-06T10:00:00Z'. Preview of field's value: 'Moussa Ibrahim'")
      .causedBy(c -> c.type("illegal_argument_exception").reason("For input string: \"Moussa Ibrahim\"")));

  @Test
  void shouldReportIndexIdErrorTypeAndReasonWithoutTheValue() throws Exception {
    IndexRequestEntry report = new DeadLetters("flowwatch-rejected").refused(DOCUMENT, MAPPING_CONFLICT);

    JsonNode source = JSON.readTree(report.sourceJson());
    assertThat(report.deadLetter()).isTrue();
    assertThat(report.versioned()).isFalse();
    assertThat(report.index()).startsWith("flowwatch-rejected-");
    assertThat(report.id()).isEqualTo("elasticsearch/" + DOCUMENT.index() + "/" + DOCUMENT.id());
    assertThat(source.get("reason").asText()).isEqualTo("UNINDEXABLE");
    assertThat(source.at("/elasticsearch/index").asText()).isEqualTo(DOCUMENT.index());
    assertThat(source.at("/elasticsearch/document_id").asText()).isEqualTo(DOCUMENT.id());
    assertThat(source.at("/elasticsearch/error_type").asText()).isEqualTo("document_parsing_exception");
    assertThat(source.get("message").asText()).contains("failed to parse field [travellers] of type [long]")
        .contains("illegal_argument_exception");
    assertThat(report.sourceJson()).doesNotContain("Moussa");
  }

  @Test
  void shouldReportADocumentTooLargeToSend() throws Exception {
    IndexRequestEntry report = new DeadLetters("flowwatch-rejected").tooLarge(DOCUMENT, 16);

    JsonNode source = JSON.readTree(report.sourceJson());
    assertThat(source.at("/elasticsearch/error_type").asText()).isEqualTo("document_too_large");
    assertThat(source.get("message").asText()).contains("16 bytes");
  }
}
