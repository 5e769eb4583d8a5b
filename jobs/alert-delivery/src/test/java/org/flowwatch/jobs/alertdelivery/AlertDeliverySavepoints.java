package org.flowwatch.jobs.alertdelivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.config.TopicConfig;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsTopic;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.codec.UndecodableRecordException;
import org.flowwatch.schema.delivery.KafkaChannel;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.SubscriptionRecord;
import org.flowwatch.schema.delivery.SubscriptionSet;
import org.flowwatch.testing.JobSettings;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.savepoints.SavepointRun;
import org.flowwatch.testing.savepoints.SavepointScenario;

/**
 * The alert delivery job in the savepoint history. Two subscriptions deliver to Kafka topics (no webhook or SMTP server
 * involved): one takes every alert, the other only the AGADEZ-LIBYA route. The first half applies them and opens two
 * episodes; the savepoint is taken once every first-half revision reached its subscribers, so it holds the routing
 * state (the revisions routed per episode), the subscriptions in broadcast state and the per-subscription planning
 * state, and no pending message (those wait on processing-time timers, which would make the cut depend on timing).
 * The second half first resends every first-half revision, as a replay of the alerts topic does, then goes on with
 * both episodes and opens a third. Every release's savepoint was taken of exactly this input: changing it breaks them
 * all.
 */
final class AlertDeliverySavepoints implements SavepointScenario {
  private static final String TOPICS = "flowwatch.savepoints.alert-delivery.";
  static final String AGADEZ_TOPIC = TOPICS + "agadez-partner";
  static final String EVERYTHING_TOPIC = TOPICS + "situation-room";
  private static final AvroCodec<SurgeAlert> ALERTS = AvroCodec.of(SurgeAlert.class);
  private static final AvroCodec<SubscriptionRecord> SUBSCRIPTIONS = AvroCodec.of(SubscriptionRecord.class);

  /** An alert revision as a subscriber's topic receives it. */
  record Revision(String alertId, int revision) {
    static Revision of(SurgeAlert alert) {
      return new Revision(alert.getId(), alert.getRevision());
    }
  }

  private static final String AGADEZ = "savepoint-agadez-libya";
  private static final String TAHOUA = "savepoint-tahoua-algeria";
  private static final String AGADEZ_LATER = "savepoint-agadez-libya-later";
  /** Alert ids and revisions are what the savepoint's routing state holds; each episode ends resolved. */
  private static final List<SurgeAlert> FIRST_HALF = List.of(
      agadez(AGADEZ, 1, false), tahoua(TAHOUA, 1, false), agadez(AGADEZ, 2, false));
  /** The second half's new revisions; it resends the whole first half before them. */
  private static final List<SurgeAlert> NEW_AFTER_CUT = List.of(
      agadez(AGADEZ, 3, true), tahoua(TAHOUA, 2, false), agadez(AGADEZ_LATER, 1, false), tahoua(TAHOUA, 3, true),
      agadez(AGADEZ_LATER, 2, true));

  @Override
  public String job() {
    return "alert-delivery";
  }

  static AlertDeliverySettings settings(SavepointRun run) {
    return AlertDeliverySettings.from(JobSettings.of(
        AlertDeliveryOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
        AlertDeliveryOptions.ALERTS_TOPIC, TOPICS + "alerts",
        AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC, TOPICS + "subscriptions",
        AlertDeliveryOptions.DEAD_LETTER_TOPIC, TOPICS + "dead-letters",
        AlertDeliveryOptions.TRANSACTIONAL_ID_PREFIX, run.id(),
        AlertDeliveryOptions.GROUP_ID, run.id(),
        AlertDeliveryOptions.STARTING_OFFSETS, "EARLIEST",
        AlertDeliveryOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
        AlertDeliveryOptions.DELIVERIES_INDEX, "flowwatch-deliveries-" + run.id(),
        AlertDeliveryOptions.REJECTED_INDEX, "flowwatch-rejected-" + run.id(),
        AlertDeliveryOptions.GROUP_WAIT, "500 ms",
        // The savepoint's send times count against the limit when a restore runs within the hour of the freeze.
        AlertDeliveryOptions.RATE_LIMIT, "1000",
        // Routing state expires in processing time from its last write, checked with the restoring job's setting:
        // with the default (90 d), a savepoint restored that much later forgets what it routed and the replays go out.
        AlertDeliveryOptions.ROUTING_RETENTION, "36500 d",
        AlertDeliveryOptions.CHECKPOINT_INTERVAL, "500 ms",
        AlertDeliveryOptions.PARALLELISM, String.valueOf(run.parallelism())));
  }

  @Override
  public void recreateTopics() {
    AlertDeliverySettings settings = settings(new SavepointRun("topics", 1));
    List<KafkaTopics.TopicSpec> topics = new ArrayList<>(AlertDeliveryConnectors.topics(settings));
    topics.add(new KafkaTopics.TopicSpec(settings.subscriptionsTopic(), 1,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    topics.add(KafkaTopics.TopicSpec.of(AGADEZ_TOPIC, 1));
    topics.add(KafkaTopics.TopicSpec.of(EVERYTHING_TOPIC, 1));
    KafkaConnection kafka = KafkaConnection.plaintext(RealKafka.bootstrapServers());
    KafkaTopics.deleteIfPresent(kafka, topics.stream().map(KafkaTopics.TopicSpec::name).toList());
    KafkaTopics.createIfMissing(kafka, topics);
  }

  /**
   * The subscriptions as an apply writes them (each under its id, then the set marker naming them), but outside a
   * transaction and with a fixed time, so that they are the same records at the same offsets on every broker.
   */
  @Override
  public void writeFirstHalf() throws Exception {
    List<Subscription> subscriptions = List.of(
        subscription("agadez-partner", AGADEZ_TOPIC, List.of("AGADEZ-LIBYA")),
        subscription("situation-room", EVERYTHING_TOPIC, List.of()));
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    for (Subscription subscription : subscriptions) {
      records.add(Map.entry(subscription.getId(), SUBSCRIPTIONS.encode(new SubscriptionRecord(subscription, null))));
    }
    SubscriptionSet set = new SubscriptionSet(SubscriptionsTopic.version(subscriptions),
        Instant.parse("2026-11-30T07:00:00Z"), subscriptions.stream().map(Subscription::getId).toList());
    records.add(Map.entry(SubscriptionsTopic.SET_KEY, SUBSCRIPTIONS.encode(new SubscriptionRecord(null, set))));
    KafkaTestTopics.produceKeyed(RealKafka.bootstrapServers(), TOPICS + "subscriptions", records);
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "alerts",
        FIRST_HALF.stream().map(ALERTS::encode).toList());
  }

  /** Each resent revision comes before a new one of its episode, so a replay let through is delivered no later. */
  @Override
  public void writeSecondHalf() throws Exception {
    KafkaTestTopics.produceRoundRobin(RealKafka.bootstrapServers(), TOPICS + "alerts",
        Stream.concat(FIRST_HALF.stream(), NEW_AFTER_CUT.stream()).map(ALERTS::encode).toList());
  }

  @Override
  public void define(StreamExecutionEnvironment env, SavepointRun run) {
    AlertDeliverySettings settings = settings(run);
    AlertDeliveryJob.configure(env, settings);
    AlertDeliveryJob.defineTopology(env, settings, AlertDeliveryConnectors.real(settings));
  }

  @Override
  public Map<String, List<String>> inputs(SavepointRun run) {
    AlertDeliverySettings settings = settings(run);
    return Map.of(settings.groupId(), List.of(settings.alertsTopic()),
        settings.groupId() + "-subscriptions", List.of(settings.subscriptionsTopic()));
  }

  /** The deliveries owed: the first half's before the savepoint; after it, only the second half's new revisions. */
  @Override
  public boolean wroteOutput(SavepointRun run, boolean restored) throws UndecodableRecordException {
    for (Map.Entry<String, List<Revision>> owed : (restored ? afterCut() : beforeCut()).entrySet()) {
      if (!delivered(owed.getKey()).containsAll(owed.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** What each subscriber's topic receives from the restored run: every new revision once, no first-half one. */
  static Map<String, List<Revision>> afterCut() {
    return perTopic(NEW_AFTER_CUT);
  }

  private static Map<String, List<Revision>> beforeCut() {
    return perTopic(FIRST_HALF);
  }

  private static Map<String, List<Revision>> perTopic(List<SurgeAlert> alerts) {
    return Map.of(
        EVERYTHING_TOPIC, sorted(alerts.stream().map(Revision::of)),
        AGADEZ_TOPIC, sorted(alerts.stream().filter(alert -> "AGADEZ-LIBYA".equals(alert.getRoute()))
            .map(Revision::of)));
  }

  /** The revisions committed to a subscriber's topic (read_committed), sorted. */
  static List<Revision> delivered(String topic) throws UndecodableRecordException {
    List<Revision> revisions = new ArrayList<>();
    for (byte[] value : KafkaTestTopics.readCommitted(RealKafka.bootstrapServers(), topic)) {
      revisions.add(Revision.of(ALERTS.decode(value)));
    }
    return sorted(revisions.stream());
  }

  private static List<Revision> sorted(Stream<Revision> revisions) {
    return revisions.sorted(Comparator.comparing(Revision::alertId).thenComparingInt(Revision::revision)).toList();
  }

  private static Subscription subscription(String id, String topic, List<String> routes) {
    return Subscription.newBuilder(DeliveryFixtures.subscription(id, null))
        .setEmails(List.of())
        .setKafkaTopics(List.of(KafkaChannel.newBuilder().setTopic(topic).build()))
        .setFilters(SubscriptionFilters.newBuilder().setRoutes(routes).build())
        .build();
  }

  private static SurgeAlert agadez(String id, int revision, boolean resolved) {
    return DeliveryFixtures.surge(id, revision, resolved);
  }

  private static SurgeAlert tahoua(String id, int revision, boolean resolved) {
    return SurgeAlert.newBuilder(DeliveryFixtures.surge(id, revision, resolved))
        .setRoute("TAHOUA-ALGERIA").setSeriesKey("route=TAHOUA-ALGERIA|direction=OUTGOING").build();
  }
}
