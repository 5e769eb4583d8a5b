package org.flowwatch.jobs.flowaggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.jobs.flowaggregation.Observations.group;
import static org.flowwatch.jobs.flowaggregation.Observations.observation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live data, as in the field: an unbounded job whose input partitions are mostly silent, and all of them silent for
 * much longer than the idleness timeout between two uploads, with garbage in between. Before the fix, the reference
 * stream's end-of-time watermark took over as soon as the movement inputs went idle, and every record of the second
 * upload was rejected as TOO_LATE. Now every valid record is counted, and no hourly window closes before its time: each
 * is published once, with everything in it, when a record of a later hour moves event time past it.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class SilentInputsIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final Duration IDLENESS = Duration.ofSeconds(1);
  private static final Duration DEADLINE = Duration.ofMinutes(4);
  private static final AvroCodec<FlowObservation> CODEC = AvroCodec.of(FlowObservation.class);
  private static final byte[] GARBAGE = "not an observation".getBytes(StandardCharsets.UTF_8);

  private int sequence;

  /** An observation of {@code men} travellers of Nigeria at Agadez, {@code minutesAgo} before the present. */
  private FlowObservation live(Instant now, long minutesAgo, int men) {
    return observation("live-" + sequence++, "NE-AGZ", now.minus(minutesAgo, ChronoUnit.MINUTES).toString(),
        Direction.OUTGOING, TransportMode.TRUCK, group("NGA", men, 0, 0, 0));
  }

  @Test
  void everyValidLiveRecordIsCountedAcrossSilencesLongerThanTheIdlenessTimeout() throws Exception {
    FlowAggregationSettings settings = TestRuns.settings("silent",
        FlowAggregationOptions.BOUNDED, "false",
        FlowAggregationOptions.IDLENESS, IDLENESS.toMillis() + " ms",
        FlowAggregationOptions.CHECKPOINT_INTERVAL, "2 s",
        FlowAggregationOptions.ELASTICSEARCH_FLUSH_INTERVAL, "200 ms");
    String kafka = settings.kafka().bootstrapServers();
    try (RestClientTransport transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()))) {
      ElasticsearchClient elasticsearch = ElasticsearchClients.blocking(transport);
      IndexTemplates.installAll(elasticsearch);
      AvroCodec<MonitoringPoint> points = AvroCodec.of(MonitoringPoint.class);
      KafkaTestTopics.produceKeyed(kafka, settings.referenceTopic(), MonitoringPoints.niger().stream()
          .<Map.Entry<String, byte[]>>map(point -> Map.entry(point.getCode(), points.encode(point))).toList());
      JobClient job = TestRuns.job(settings).executeAsync("silent inputs IT");
      try {
        Instant now = Instant.now();
        // Everything on one partition of one topic, in order: the other partitions and the crossings stay silent.
        List<FlowObservation> counted = new ArrayList<>();
        List<byte[]> firstUpload = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          FlowObservation observation = live(now, 20 - i, 3 + i);
          counted.add(observation);
          firstUpload.add(CODEC.encode(observation));
          if (i == 4) {
            firstUpload.add(GARBAGE);
          }
        }
        KafkaTestTopics.produce(kafka, settings.observationsTopic(), 0, firstUpload);
        awaitRejected(elasticsearch, settings, 1);

        // 2. Silence on every input for ten idleness timeouts: the inputs are idle (the precondition of the defect,
        // not a wait for an outcome: a longer silence changes nothing).
        Instant silentUntil = Instant.now().plus(IDLENESS.multipliedBy(10));
        while (Instant.now().isBefore(silentUntil)) {
          Thread.sleep(100);
        }

        // 3. The next upload, live again, with garbage and an invalid record in the middle.
        List<byte[]> secondUpload = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          FlowObservation observation = live(now, 10 - i, 7);
          counted.add(observation);
          secondUpload.add(CODEC.encode(observation));
          if (i == 5) {
            secondUpload.add(GARBAGE);
            secondUpload.add(CODEC.encode(observation("invalid", "NE-AGZ", now.toString(), Direction.OUTGOING,
                TransportMode.TRUCK, group("NGA", -2, 0, 0, 0))));
          }
        }
        KafkaTestTopics.produce(kafka, settings.observationsTopic(), 0, secondUpload);
        awaitRejected(elasticsearch, settings, 3);

        // 4. A record two hours on moves event time past the hours above: their windows close now, not before.
        KafkaTestTopics.produce(kafka, settings.observationsTopic(), 0,
            List.of(CODEC.encode(live(now, -120, 1))));
        Instant closedBefore = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        long expected = counted.stream().mapToLong(o -> o.getTravellers().get(0).getMen()).sum();
        List<ObjectNode> hours = await("the hourly cells of the live records hold all " + expected + " travellers",
            () -> hourlyPointCells(elasticsearch, settings, closedBefore),
            cells -> cells.stream().mapToLong(c -> c.get("travellers").asLong()).sum() == expected);

        assertThat(hours).as("each hour published once, whole: none closed before its time")
            .allSatisfy(cell -> assertThat(cell.get("revision").asInt()).isEqualTo(1));
        assertThat(rejectedReasons(elasticsearch, settings))
            .as("only the garbage and the invalid record; nothing TOO_LATE")
            .isEqualTo(Map.of("UNDECODABLE", 2L, "INVALID_COUNT", 1L));
      } finally {
        job.cancel().get();
      }
    }
  }

  private static void awaitRejected(ElasticsearchClient elasticsearch, FlowAggregationSettings settings, long count)
      throws Exception {
    await(count + " rejected records indexed", () -> rejectedReasons(elasticsearch, settings),
        reasons -> reasons.values().stream().mapToLong(Long::longValue).sum() >= count);
  }

  private static Map<String, Long> rejectedReasons(ElasticsearchClient elasticsearch, FlowAggregationSettings settings) {
    return search(elasticsearch, settings.rejectedIndex() + "-*").stream()
        .filter(doc -> doc.get("source_topic").asText().equals(settings.observationsTopic()))
        .collect(Collectors.groupingBy(doc -> doc.get("reason").asText(), Collectors.counting()));
  }

  private static List<ObjectNode> hourlyPointCells(ElasticsearchClient elasticsearch, FlowAggregationSettings settings,
      Instant closedBefore) {
    return search(elasticsearch, settings.indexPrefix() + "-hourly-*").stream()
        .filter(doc -> doc.get("level").asText().equals("POINT"))
        .filter(doc -> Instant.parse(doc.get("window_end").asText()).compareTo(closedBefore) <= 0)
        .toList();
  }

  private static List<ObjectNode> search(ElasticsearchClient elasticsearch, String index) {
    try {
      elasticsearch.indices().refresh(r -> r.index(index).allowNoIndices(true));
      return elasticsearch.search(s -> s.index(index).allowNoIndices(true).ignoreUnavailable(true).size(1_000),
          ObjectNode.class).hits().hits().stream().map(Hit::source).toList();
    } catch (Exception e) {
      throw new IllegalStateException("cannot search " + index, e);
    }
  }

  /** Polls {@code probe} until {@code done}; a probe that fails (a new index not searchable yet) counts as not done. */
  private static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Object last = null;
    while (System.nanoTime() < deadline) {
      try {
        T seen = probe.get();
        if (done.test(seen)) {
          return seen;
        }
        last = seen;
      } catch (IllegalStateException notYet) {
        last = notYet;
      }
      Thread.sleep(200); // polling interval
    }
    throw new AssertionError("waited " + DEADLINE + " for " + what + "; last seen: " + last);
  }
}
