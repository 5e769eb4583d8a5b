package org.flowwatch.jobs.flowaggregation.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.SourceKind;
import org.flowwatch.schema.WindowGranularity;
import org.junit.jupiter.api.Test;

class FlowAggregateDocumentsTest {

  private static FlowAggregate aggregate(int revision, long men) {
    return FlowAggregate.newBuilder()
        .setGranularity(WindowGranularity.HOURLY)
        .setWindowStart(Instant.parse("2024-01-15T08:00:00Z"))
        .setWindowEnd(Instant.parse("2024-01-15T09:00:00Z"))
        .setPointCode("NE-AGZ").setDirection(Direction.OUTGOING).setNationality("NGA")
        .setSourceKind(SourceKind.FLOW_MONITORING).setRoute("AGADEZ-LIBYA").setAdminRegion("Agadez")
        .setLatitude(16.97).setLongitude(7.99)
        .setTravellers(men + 3).setMen(men).setWomen(2).setBoys(1).setGirls(0)
        .setChildrenUnder5(1).setTransportModes(Map.of("TRUCK", men + 3))
        .setObservations(2).setRevision(revision)
        .build();
  }

  @Test
  void aLaterRevisionOfTheSameWindowGetsTheSameId() {
    FlowAggregateDocuments documents = new FlowAggregateDocuments("flowwatch-flows", false);

    IndexRequestEntry first = documents.toDocument(aggregate(1, 10));
    IndexRequestEntry second = documents.toDocument(aggregate(2, 14));

    assertThat(first.id()).isEqualTo("POINT|HOURLY|NE-AGZ|OUTGOING|NGA|FLOW_MONITORING|AGADEZ-LIBYA|2024-01-15T08:00:00Z")
        .isEqualTo(second.id());
    assertThat(first.index()).isEqualTo("flowwatch-flows-hourly-2024.01.01");
    assertThat(new FlowAggregateDocuments("flowwatch-flows", true).toDocument(aggregate(1, 10)).index())
        .isEqualTo("flowwatch-flows-published-hourly-2024.01.01");
  }

  @Test
  void theRevisionIsTheDocumentsExternalVersion() {
    FlowAggregateDocuments documents = new FlowAggregateDocuments("flowwatch-flows", false);

    assertThat(documents.toDocument(aggregate(1, 10)).externalVersion()).isEqualTo(1);
    assertThat(documents.toDocument(aggregate(2, 14)).externalVersion()).isEqualTo(2);
  }

  @Test
  void documentCarriesTheMappedFields() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new FlowAggregateDocuments("flowwatch-flows", false).toDocument(aggregate(3, 10)).sourceJson());

    assertThat(json.get("@timestamp").asText()).isEqualTo("2024-01-15T08:00:00Z");
    assertThat(json.get("window_end").asText()).isEqualTo("2024-01-15T09:00:00Z");
    assertThat(json.get("point_code").asText()).isEqualTo("NE-AGZ");
    assertThat(json.get("direction").asText()).isEqualTo("OUTGOING");
    assertThat(json.get("nationality").asText()).isEqualTo("NGA");
    assertThat(json.get("travellers").asLong()).isEqualTo(13);
    assertThat(json.get("vulnerabilities").get("children_under_5").asLong()).isEqualTo(1);
    assertThat(json.get("transport_modes").get("TRUCK").asLong()).isEqualTo(13);
    assertThat(json.get("revision").asInt()).isEqualTo(3);
    assertThat(json.get("route").asText()).isEqualTo("AGADEZ-LIBYA");
    assertThat(json.get("source_kind").asText()).isEqualTo("FLOW_MONITORING");
    assertThat(json.get("level").asText()).isEqualTo("POINT");
    assertThat(json.get("location").get("lat").asDouble()).isEqualTo(16.97);
    assertThat(json.get("location").get("lon").asDouble()).isEqualTo(7.99);
  }
}
