package org.flowwatch.testing.savepoints;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether consumer groups have committed the ends of their topics. A Flink Kafka source commits its offsets when a
 * checkpoint completes, so a commit at a topic's end means the job read all of it and a checkpoint covers that.
 */
final class CommittedOffsets {
  private CommittedOffsets() {}

  static boolean atEnd(String bootstrapServers, Map<String, List<String>> topicsByGroup)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> end : ends(admin, group.getValue()).entrySet()) {
          OffsetAndMetadata offset = committed.get(end.getKey());
          // An empty partition has nothing to read, and a source commits no offset for it.
          if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
            return false;
          }
        }
      }
      return true;
    }
  }

  private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
        description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
        .get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }
}
