package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.graph.StreamingJobGraphGenerator;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.model.InputRecord;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.RejectedRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real job's graph keeps its hot path to one network exchange per counted record: input records are screened in
 * their sources' chains and cross the network once, into the hourly step; every exchange after it carries aggregates.
 * A record that ends elsewhere (rejected, a resend) goes from where that is decided to its sink. An edge Flink chains
 * is a method call, not an exchange; every other edge serializes its records.
 */
class HotPathExchangesTest {
  private static final String HOURLY_STEP = "hourly point flows";

  private StreamGraph graph;
  private final Map<Integer, TypeInformation<?>> outputTypes = new HashMap<>();

  @BeforeEach
  void buildTheRealJobsGraph() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FlowAggregationJob.environmentConfiguration());
    FlowAggregationSettings settings = FlowAggregationSettings.defaults();
    FlowAggregationJob.configure(env, settings);
    FlowAggregationJob.defineTopology(env, settings, FlowAggregationConnectors.real(settings));
    for (Transformation<?> sink : env.getTransformations()) {
      for (Transformation<?> transformation : sink.getTransitivePredecessors()) {
        outputTypes.put(transformation.getId(), transformation.getOutputType());
      }
    }
    graph = env.getStreamGraph(false);
  }

  private List<StreamEdge> exchanges() {
    List<StreamEdge> exchanges = new ArrayList<>();
    for (StreamNode node : graph.getStreamNodes()) {
      for (StreamEdge edge : node.getOutEdges()) {
        if (!StreamingJobGraphGenerator.isChainable(edge, graph)) {
          exchanges.add(edge);
        }
      }
    }
    return exchanges;
  }

  private TypeInformation<?> carried(StreamEdge edge) {
    return edge.getOutputTag() != null ? edge.getOutputTag().getTypeInfo() : outputTypes.get(edge.getSourceId());
  }

  private String target(StreamEdge edge) {
    return graph.getStreamNode(edge.getTargetId()).getOperatorName();
  }

  private String source(StreamEdge edge) {
    return graph.getStreamNode(edge.getSourceId()).getOperatorName();
  }

  private static boolean isSink(String operatorName) {
    return operatorName.startsWith("elasticsearch: ") || operatorName.startsWith("kafka: ");
  }

  @Test
  void inputRecordsCrossTheNetworkOnceIntoTheHourlyStep() {
    List<StreamEdge> inputExchanges = exchanges().stream()
        .filter(edge -> carried(edge).equals(TypeInformation.of(InputRecord.class))).toList();

    assertThat(inputExchanges).isNotEmpty()
        .allSatisfy(edge -> assertThat(target(edge)).as("input records from %s", source(edge)).isEqualTo(HOURLY_STEP));
    assertThat(inputExchanges).extracting(this::source)
        .containsExactlyInAnyOrder("screen observations", "screen crossings");
  }

  @Test
  void everyOtherExchangeCarriesAggregatesReferenceDataOrRecordsOnTheWayToTheirSink() {
    for (StreamEdge edge : exchanges()) {
      TypeInformation<?> type = carried(edge);
      String description = source(edge) + " -> " + target(edge) + " carrying " + type;
      if (type.equals(TypeInformation.of(InputRecord.class))) {
        continue;
      }
      if (type.equals(TypeInformation.of(RejectedRecord.class)) || type.equals(TypeInformation.of(DuplicateRecord.class))) {
        assertThat(isSink(target(edge))).as(description).isTrue();
      } else if (!isSink(source(edge))) {
        // Inside a sink (writer to committer) only committables travel.
        assertThat(type.getTypeClass()).as(description).isIn(FlowAggregate.class, MonitoringPoint.class);
      }
    }
  }

  @Test
  void theSourcesAreScreenedInTheirOwnChains() {
    for (StreamNode node : graph.getStreamNodes()) {
      if (node.getOperatorName().startsWith("screen ")) {
        assertThat(node.getInEdges()).singleElement()
            .satisfies(edge -> assertThat(StreamingJobGraphGenerator.isChainable(edge, graph))
                .as("%s chained to %s", node.getOperatorName(), source(edge)).isTrue());
      }
    }
    assertThat(graph.getStreamNodes()).filteredOn(node -> node.getOperatorName().startsWith("screen ")).hasSize(2);
  }
}
