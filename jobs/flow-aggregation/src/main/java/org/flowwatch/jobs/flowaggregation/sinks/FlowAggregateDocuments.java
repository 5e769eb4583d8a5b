package org.flowwatch.jobs.flowaggregation.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.flowwatch.jobs.common.elasticsearch.DocumentConverter;
import org.flowwatch.jobs.common.elasticsearch.IndexRequestEntry;
import org.flowwatch.schema.FlowAggregate;

/**
 * The Elasticsearch document of a flow aggregate, as mapped by dashboards/elasticsearch/index-templates/flowwatch-flows.json.
 * The id is the window and key, so a later revision of the same window overwrites the earlier one.
 */
public final class FlowAggregateDocuments implements DocumentConverter<FlowAggregate> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String index;

  public FlowAggregateDocuments(String index) {
    this.index = index;
  }

  public static String documentId(FlowAggregate aggregate) {
    return String.join("|", aggregate.getGranularity().name(), aggregate.getPointCode(), aggregate.getDirection().name(),
        aggregate.getNationality(), aggregate.getWindowStart().toString());
  }

  @Override
  public IndexRequestEntry toDocument(FlowAggregate aggregate) {
    ObjectNode document = JSON.createObjectNode();
    document.put("@timestamp", aggregate.getWindowStart().toString());
    document.put("window_end", aggregate.getWindowEnd().toString());
    document.put("granularity", aggregate.getGranularity().name());
    document.put("point_code", aggregate.getPointCode());
    document.put("direction", aggregate.getDirection().name());
    document.put("nationality", aggregate.getNationality());
    if (aggregate.getRoute() != null) {
      document.put("route", aggregate.getRoute());
    }
    document.put("travellers", aggregate.getTravellers());
    document.put("men", aggregate.getMen());
    document.put("women", aggregate.getWomen());
    document.put("boys", aggregate.getBoys());
    document.put("girls", aggregate.getGirls());
    ObjectNode vulnerabilities = document.putObject("vulnerabilities");
    vulnerabilities.put("children_under_5", aggregate.getChildrenUnder5());
    vulnerabilities.put("elderly", aggregate.getElderly());
    vulnerabilities.put("with_disability", aggregate.getWithDisability());
    vulnerabilities.put("pregnant_women", aggregate.getPregnantWomen());
    vulnerabilities.put("unaccompanied_children", aggregate.getUnaccompaniedChildren());
    ObjectNode modes = document.putObject("transport_modes");
    for (Map.Entry<String, Long> mode : aggregate.getTransportModes().entrySet()) {
      modes.put(mode.getKey(), mode.getValue());
    }
    document.put("observations", aggregate.getObservations());
    document.put("revision", aggregate.getRevision());
    return new IndexRequestEntry(index, documentId(aggregate), document.toString());
  }
}
