package org.flowwatch.launcher.cluster;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowwatch.jobs.flowaggregation.sinks.FlowAggregateDocuments;
import org.flowwatch.schema.AggregateLevel;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.WindowGranularity;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.simulator.truth.GroundTruth;

/** What the flow aggregation job published, read back to compare with the ground truth: hourly point-level cells. */
final class IndexedFlows {
  private IndexedFlows() {}

  /** The committed aggregates of a topic: the latest revision of each hourly point cell, and repeated commits. */
  record Committed(Map<String, GroundTruth.Totals> latest, long repeatedCommits) {}

  /** Every hourly point-level document of the index prefix, by document id. */
  static Map<String, GroundTruth.Totals> elasticsearch(ElasticsearchClient client, String indexPrefix) throws IOException {
    String index = indexPrefix + "-hourly-*";
    client.indices().refresh(r -> r.index(index).ignoreUnavailable(true).allowNoIndices(true));
    Map<String, GroundTruth.Totals> cells = new HashMap<>();
    String searchAfter = null;
    while (true) {
      String after = searchAfter;
      var page = client.search(s -> {
        s.index(index).ignoreUnavailable(true).allowNoIndices(true).size(5_000)
            .query(q -> q.term(t -> t.field("level").value("POINT"))).sort(o -> o.doc(d -> d));
        return after == null ? s : s.searchAfter(v -> v.stringValue(after));
      }, ObjectNode.class);
      List<Hit<ObjectNode>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        return cells;
      }
      for (Hit<ObjectNode> hit : hits) {
        ObjectNode doc = hit.source();
        cells.put(hit.id(), new GroundTruth.Totals(doc.get("travellers").asLong(), doc.get("men").asLong(),
            doc.get("women").asLong(), doc.get("boys").asLong(), doc.get("girls").asLong(),
            doc.get("observations").asLong()));
      }
      searchAfter = hits.get(hits.size() - 1).sort().get(0)._toJsonString();
    }
  }

  /** Reads the aggregates topic to its end as a read_committed consumer: what downstream jobs see. */
  static Committed kafka(Properties clientProperties, String topic) {
    Properties properties = new Properties();
    properties.putAll(clientProperties);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    AvroCodec<FlowAggregate> codec = AvroCodec.of(FlowAggregate.class);
    Map<String, FlowAggregate> latest = new HashMap<>();
    Map<String, Long> commits = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      Set<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
      while (partitions.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(60)) < end.get(partition))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          FlowAggregate aggregate = decode(codec, record.value());
          if (aggregate.getLevel() != AggregateLevel.POINT || aggregate.getGranularity() != WindowGranularity.HOURLY) {
            continue;
          }
          String id = FlowAggregateDocuments.documentId(aggregate);
          commits.merge(id + "#" + aggregate.getRevision(), 1L, Long::sum);
          latest.merge(id, aggregate, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
      }
    }
    long repeated = commits.values().stream().mapToLong(count -> count - 1).sum();
    return new Committed(latest.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        entry -> totals(entry.getValue()))), repeated);
  }

  private static GroundTruth.Totals totals(FlowAggregate aggregate) {
    return new GroundTruth.Totals(aggregate.getTravellers(), aggregate.getMen(), aggregate.getWomen(),
        aggregate.getBoys(), aggregate.getGirls(), aggregate.getObservations());
  }

  private static FlowAggregate decode(AvroCodec<FlowAggregate> codec, byte[] value) {
    try {
      return codec.decode(value);
    } catch (Exception e) {
      throw new IllegalStateException("an aggregate the job committed does not decode: " + e.getMessage(), e);
    }
  }
}
