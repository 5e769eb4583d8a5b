package org.flowwatch.jobs.surgedetection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.FlowAggregate;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.testing.JobSettings;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.savepoints.SavepointRun;
import org.flowwatch.testing.savepoints.SavepointScenario;

/**
 * The surge detection job in the savepoint history: {@link HourlyAggregates#plantedSurge()} cut in the middle of the
 * surge, so that the savepoint holds eight weeks of history per series and an open, escalating episode. Every
 * release's savepoint was taken of exactly this input: changing it breaks them all.
 */
final class SurgeDetectionSavepoints implements SavepointScenario {
  /** The first hour of the second half: the surge began 14 hours earlier. */
  static final Instant CUT = Instant.ofEpochMilli((HourlyAggregates.SURGE_START + 14) * 3_600_000L);
  private static final String TOPICS = "flowwatch.savepoints.surge-detection.";
  private static final List<byte[]> INPUT = HourlyAggregates.plantedSurge().stream()
      .map(AvroCodec.of(FlowAggregate.class)::encode).toList();
  private static final int CUT_INDEX = firstIndexFrom(CUT);

  private final boolean bounded;

  /** @param bounded whether runs stop at the end of the input (the uninterrupted reference run) */
  SurgeDetectionSavepoints(boolean bounded) {
    this.bounded = bounded;
  }

  @Override
  public String job() {
    return "surge-detection";
  }

  SurgeDetectionSettings settings(SavepointRun run) {
    return SurgeDetectionSettings.from(JobSettings.of(
        SurgeDetectionOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        SurgeDetectionOptions.AGGREGATES_TOPIC, TOPICS + "aggregates",
        SurgeDetectionOptions.ALERTS_TOPIC, TOPICS + "alerts",
        SurgeDetectionOptions.TRANSACTIONAL_ID_PREFIX, run.id(),
        SurgeDetectionOptions.GROUP_ID, run.id(),
        SurgeDetectionOptions.STARTING_OFFSETS, "EARLIEST",
        SurgeDetectionOptions.BOUNDED, String.valueOf(bounded),
        SurgeDetectionOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        SurgeDetectionOptions.ALERTS_INDEX, "flowwatch-alerts-" + run.id(),
        SurgeDetectionOptions.IDLENESS, "1 h",
        // Silence is checked in processing time, and a savepoint's silence timers are absolute: restored later than
        // silence.after, every series would fall silent at once. Far beyond any test, so no run depends on the clock.
        SurgeDetectionOptions.SILENCE_AFTER, "36500 d",
        SurgeDetectionOptions.CHECKPOINT_INTERVAL, "500 ms",
        SurgeDetectionOptions.PARALLELISM, String.valueOf(run.parallelism())));
  }

  @Override
  public void recreateTopics() {
    List<KafkaTopics.TopicSpec> topics = SurgeDetectionConnectors.topics(settings(new SavepointRun("topics", 1)));
    KafkaTopics.deleteIfPresent(KafkaConnection.plaintext(RealKafka.bootstrapServers()), topics.stream().map(KafkaTopics.TopicSpec::name).toList());
    KafkaTopics.createIfMissing(KafkaConnection.plaintext(RealKafka.bootstrapServers()), topics);
  }

  @Override
  public void writeFirstHalf() throws Exception {
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "aggregates", INPUT.subList(0, CUT_INDEX));
  }

  @Override
  public void writeSecondHalf() throws Exception {
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "aggregates",
        INPUT.subList(CUT_INDEX, INPUT.size()));
  }

  @Override
  public void define(StreamExecutionEnvironment env, SavepointRun run) {
    SurgeDetectionSettings settings = settings(run);
    SurgeDetectionJob.configure(env, settings);
    SurgeDetectionJob.defineTopology(env, settings, SurgeDetectionConnectors.real(settings));
  }

  @Override
  public Map<String, List<String>> inputs(SavepointRun run) {
    return Map.of(run.id(), List.of(TOPICS + "aggregates"));
  }

  String alertsTopic() {
    return TOPICS + "alerts";
  }

  private static int firstIndexFrom(Instant cut) {
    List<FlowAggregate> aggregates = HourlyAggregates.plantedSurge();
    for (int i = 0; i < aggregates.size(); i++) {
      if (!aggregates.get(i).getWindowStart().isBefore(cut)) {
        return i;
      }
    }
    throw new IllegalStateException("nothing after " + cut);
  }
}
