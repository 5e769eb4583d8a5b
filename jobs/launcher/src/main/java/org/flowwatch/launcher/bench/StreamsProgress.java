package org.flowwatch.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether a Kafka Streams application has processed and committed everything in its source topics, read from the
 * brokers: for each sub-topology in order, the offsets its consumer group committed against the end offsets (last
 * stable offsets) of the topic it reads. With exactly-once, a sub-topology's input offsets are committed in the same
 * transaction as what it wrote downstream, so once one stage has caught up, the next stage's end offsets, read after,
 * hold everything that stage will ever get from this input. Kafka Streams also commits the position past the commit
 * markers of a transactional input, so a caught-up partition's committed offset equals its end offset.
 */
final class StreamsProgress {
  private final Admin admin;
  private final String groupId;
  private final List<String> stages;
  private final Map<String, List<TopicPartition>> partitions = new java.util.HashMap<>();

  /** @param stages the source topic of each sub-topology, upstream first */
  StreamsProgress(Admin admin, String groupId, List<String> stages) {
    this.admin = admin;
    this.groupId = groupId;
    this.stages = List.copyOf(stages);
  }

  /** True when every stage has committed up to the end of its source topic. */
  boolean caughtUp() throws ExecutionException, InterruptedException, TimeoutException {
    for (String topic : stages) {
      List<TopicPartition> partitions = this.partitions.get(topic);
      if (partitions == null) {
        partitions = partitions(topic);
        if (partitions.isEmpty()) {
          return false; // not created yet
        }
        this.partitions.put(topic, partitions);
      }
      Map<TopicPartition, Long> ends = admin.listOffsets(
              partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())),
              new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(30, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (behind(ends, committed) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Records between what the group committed and the end offsets, over the partitions of {@code ends}. */
  static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      behind += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
    }
    return behind;
  }

  private List<TopicPartition> partitions(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description;
    try {
      description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return List.of();
      }
      throw e;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    description.partitions().forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
    return partitions;
  }
}
