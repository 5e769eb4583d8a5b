package org.flowwatch.jobs.alertdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsTopic;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchClients;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.elasticsearch.IndexTemplates;
import org.flowwatch.jobs.common.kafka.KafkaTopics;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.delivery.DeadLetterDelivery;
import org.flowwatch.schema.delivery.EmailChannel;
import org.flowwatch.schema.delivery.KafkaChannel;
import org.flowwatch.schema.delivery.Language;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import org.flowwatch.schema.delivery.WebhookChannel;
import org.flowwatch.testing.Conditions;
import org.flowwatch.testing.JobSettings;
import org.flowwatch.testing.KafkaTestTopics;
import org.flowwatch.testing.LoopbackPorts;
import org.flowwatch.testing.RealElasticsearch;
import org.flowwatch.testing.RealKafka;
import org.flowwatch.testing.RealWebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert delivery job with its real connectors on a MiniCluster at parallelism 2, between a real Kafka broker, a
 * real Elasticsearch server, a real HTTP receiver that verifies Standard Webhooks signatures with its own code
 * (Python, infra/webhook-receiver) and a real SMTP server on a loopback socket (GreenMail). Each test applies its own
 * subscriptions to its own topics, so the tests share the servers and nothing else.
 */
@ExtendWith({RealKafka.class, RealElasticsearch.class})
class AlertDeliveryIT {
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setConfiguration(METRICS.addToConfiguration(new org.apache.flink.configuration.Configuration()))
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroCodec<SurgeAlert> ALERTS = AvroCodec.of(SurgeAlert.class);

  private static RealWebhookReceiver receiver;
  private static GreenMail smtp;
  private static ElasticsearchClient elasticsearch;
  private static RestClientTransport transport;
  private static Path secretsFile;
  private static final Map<String, String> SECRETS = new HashMap<>();

  @BeforeAll
  static void startReceivers() throws Exception {
    receiver = RealWebhookReceiver.start();
    smtp = new GreenMail(new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    transport = ElasticsearchClients.transport(ElasticsearchConnection.plain(RealElasticsearch.url()));
    elasticsearch = ElasticsearchClients.blocking(transport);
    IndexTemplates.installAll(elasticsearch);
    secretsFile = Files.createTempFile("flowwatch-alert-delivery-it", ".secrets");
  }

  @AfterAll
  static void stopReceivers() throws Exception {
    try {
      if (transport != null) {
        transport.close();
      }
      if (smtp != null) {
        smtp.stop();
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
      Files.deleteIfExists(secretsFile);
    }
  }

  /** A webhook on its own path of the receiver, with a fresh secret known to the receiver and to the job. */
  private static WebhookChannel webhook(String path, PayloadFormat format) throws Exception {
    String secret = RealWebhookReceiver.newSecret();
    String name = "hook" + path.replace('/', '-');
    synchronized (SECRETS) {
      SECRETS.put(name, secret);
      StringBuilder lines = new StringBuilder();
      SECRETS.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
      // Written aside and renamed: a job starting meanwhile reads the old file or the new one, never half of one.
      Path writing = secretsFile.resolveSibling(secretsFile.getFileName() + ".writing");
      Files.writeString(writing, lines.toString(), StandardCharsets.UTF_8);
      Files.move(writing, secretsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    receiver.secrets(path, List.of(secret));
    return WebhookChannel.newBuilder().setUrl(receiver.url(path)).setSecrets(List.of(name)).setFormat(format).build();
  }

  private static Subscription subscription(String id, Language language, List<WebhookChannel> webhooks,
      List<String> emails, List<String> topics, SubscriptionFilters filters) {
    return Subscription.newBuilder()
        .setId(id)
        .setName("Team " + id)
        .setLanguage(language)
        .setOwner("owner-" + id + "@flowwatch.test")
        .setWebhooks(webhooks)
        .setEmails(emails.isEmpty() ? List.of() : List.of(EmailChannel.newBuilder().setTo(emails).build()))
        .setKafkaTopics(topics.stream().map(t -> KafkaChannel.newBuilder().setTopic(t).build()).toList())
        .setFilters(filters)
        .setDigest(null)
        .build();
  }

  private static SubscriptionFilters routes(String... routes) {
    return SubscriptionFilters.newBuilder().setRoutes(Arrays.asList(routes)).build();
  }

  /** A test run: its topics and index, and the job's settings with short waits so the test runs in seconds. */
  private record Run(String id, AlertDeliverySettings settings) {
    static Run create(Object... overrides) {
      String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
      List<Object> options = new ArrayList<>(List.of(
          AlertDeliveryOptions.KAFKA_BOOTSTRAP_SERVERS, RealKafka.bootstrapServers(),
          AlertDeliveryOptions.ALERTS_TOPIC, id + ".alerts",
          AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC, id + ".subscriptions",
          AlertDeliveryOptions.DEAD_LETTER_TOPIC, id + ".dead-letters",
          AlertDeliveryOptions.TRANSACTIONAL_ID_PREFIX, id,
          AlertDeliveryOptions.GROUP_ID, id,
          AlertDeliveryOptions.STARTING_OFFSETS, "EARLIEST",
          AlertDeliveryOptions.ELASTICSEARCH_URL, RealElasticsearch.url(),
          AlertDeliveryOptions.DELIVERIES_INDEX, "flowwatch-deliveries-" + id,
          AlertDeliveryOptions.REJECTED_INDEX, "flowwatch-rejected-" + id,
          AlertDeliveryOptions.GROUP_WAIT, "1 s",
          AlertDeliveryOptions.RETRY_INITIAL_BACKOFF, "1 s",
          AlertDeliveryOptions.RETRY_MAX_BACKOFF, "2 s",
          AlertDeliveryOptions.SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()),
          AlertDeliveryOptions.SMTP_FROM, "alerts@flowwatch.test",
          AlertDeliveryOptions.SECRETS_FILE, secretsFile.toString(),
          AlertDeliveryOptions.CHECKPOINT_INTERVAL, "1 s"));
      options.addAll(List.of(overrides));
      AlertDeliverySettings settings = AlertDeliverySettings.from(JobSettings.of(options.toArray()));
      KafkaTopics.createIfMissing(settings.kafka(), AlertDeliveryConnectors.topics(settings));
      return new Run(id, settings);
    }

    void apply(Subscription... subscriptions) throws Exception {
      SubscriptionsTopic.apply(settings.kafka(), settings.subscriptionsTopic(),
          List.of(subscriptions), Clock.systemUTC());
    }

    JobClient start() throws Exception {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
          AlertDeliveryJob.environmentConfiguration());
      AlertDeliveryJob.configure(env, settings);
      AlertDeliveryJob.defineTopology(env, settings, AlertDeliveryConnectors.real(settings));
      return env.executeAsync("alert delivery IT " + id);
    }

    void publish(SurgeAlert... alerts) throws Exception {
      KafkaTestTopics.produce(settings.kafka().bootstrapServers(), settings.alertsTopic(),
          Arrays.stream(alerts).map(ALERTS::encode).toList());
    }

    String index() {
      return settings.deliveriesIndex() + "-*";
    }
  }

  /** The delivery log of a run: every attempt, as indexed. */
  private static List<JsonNode> deliveryLog(Run run) throws Exception {
    try {
      elasticsearch.indices().refresh(r -> r.index(run.index()).ignoreUnavailable(true).allowNoIndices(true));
      List<Hit<ObjectNode>> hits = elasticsearch.search(s -> s.index(run.index()).size(1_000)
          .ignoreUnavailable(true).allowNoIndices(true), ObjectNode.class).hits().hits();
      return hits.stream().map(hit -> (JsonNode) hit.source()).toList();
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException notYet) {
      return List.of();
    }
  }

  private static long logged(Run run, String subscription, String channel, String outcome) throws Exception {
    return deliveryLog(run).stream().filter(d -> d.get("subscription_id").asText().equals(subscription)
        && d.get("channel").asText().equals(channel) && d.get("outcome").asText().equals(outcome)).count();
  }

  private static List<MimeMessage> mailTo(String address) throws Exception {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
        messages.add(message);
      }
    }
    return messages;
  }

  private static List<RealWebhookReceiver.Received> accepted(String path) {
    return receiver.received(path).stream().filter(r -> r.status() / 100 == 2).toList();
  }

  @Test
  void anEpisodeReachesEveryMatchingSubscriptionOncePerChangeSignedThreadedAndLogged() throws Exception {
    Run run = Run.create();
    String partnerTopic = run.id() + ".partner-alerts";
    KafkaTopics.createIfMissing(run.settings().kafka(), List.of(KafkaTopics.TopicSpec.of(partnerTopic, 1)));
    String agadez = "/" + run.id() + "/agadez";
    String cap = "/" + run.id() + "/cap";
    String zinder = "/" + run.id() + "/zinder";
    String agadezMail = "agadez-" + run.id() + "@flowwatch.test";
    String zinderMail = "zinder-" + run.id() + "@flowwatch.test";
    run.apply(
        subscription("agadez-fr", Language.FR, List.of(webhook(agadez, PayloadFormat.JSON)), List.of(agadezMail),
            List.of(partnerTopic), routes("AGADEZ-LIBYA")),
        subscription("cap-en", Language.EN, List.of(webhook(cap, PayloadFormat.CAP)), List.of(), List.of(),
            routes("AGADEZ-LIBYA")),
        subscription("zinder", Language.FR, List.of(webhook(zinder, PayloadFormat.JSON)), List.of(zinderMail),
            List.of(), SubscriptionFilters.newBuilder().setRegions(List.of("Zinder")).build()));
    JobClient job = run.start();
    try {
      String alertId = "episode-" + run.id();
      for (int revision = 1; revision <= 3; revision++) {
        run.publish(DeliveryFixtures.surge(alertId, revision, revision == 3));
        int expected = revision;
        // One change at a time, so that the grouping wait cannot put two changes in one message.
        await("revision " + revision + " delivered on every matching channel", () ->
            accepted(agadez).size() == expected && accepted(cap).size() == expected
                && mailTo(agadezMail).size() == expected);
      }
      await("every delivery logged", () -> deliveryLog(run).stream()
          .filter(d -> d.get("outcome").asText().equals("DELIVERED")).count() == 12);

      // Webhooks: verified by the receiver's own code, one id per change, stable and distinct.
      List<RealWebhookReceiver.Received> json = receiver.received(agadez);
      assertThat(json).hasSize(3).allSatisfy(r -> assertThat(r.verified()).isTrue());
      assertThat(json).extracting(RealWebhookReceiver.Received::webhookId).containsExactly(
          MessageIds.of("agadez-fr", alertId, 1), MessageIds.of("agadez-fr", alertId, 2),
          MessageIds.of("agadez-fr", alertId, 3));
      assertThat(json).extracting(r -> JSON.readTree(r.body()).at("/data/alerts/0/transition").asText())
          .containsExactly("OPENED", "ESCALATED", "RESOLVED");
      assertThat(JSON.readTree(json.get(0).body()).at("/data/alerts/0/headline").asText()).contains("Alerte afflux");
      List<RealWebhookReceiver.Received> capMessages = receiver.received(cap);
      assertThat(capMessages).hasSize(3).allSatisfy(r -> {
        assertThat(r.verified()).isTrue();
        assertThat(r.contentType()).startsWith("application/cap+xml");
      });
      assertThat(capMessages).extracting(r -> between(r.body(), "<msgType>", "</msgType>"))
          .containsExactly("Alert", "Update", "Update");
      assertThat(capMessages.get(2).body()).contains("<references>").contains("AllClear");

      // Email: three messages in one thread.
      List<MimeMessage> mails = mailTo(agadezMail);
      String first = mails.get(0).getMessageID();
      assertThat(mails.get(0).getHeader("In-Reply-To")).isNull();
      assertThat(mails.get(1).getHeader("In-Reply-To")).containsExactly(first);
      assertThat(mails.get(2).getHeader("References")[0]).contains(first);

      // Kafka: the partner's topic holds the three revisions, committed.
      assertThat(KafkaTestTopics.readCommitted(run.settings().kafka().bootstrapServers(), partnerTopic))
          .extracting(bytes -> ALERTS.decode(bytes).getRevision()).containsExactly(1, 2, 3);

      // Nothing reached the subscription whose filters do not match.
      assertThat(receiver.received(zinder)).isEmpty();
      assertThat(mailTo(zinderMail)).isEmpty();

      // The delivery log: 3 changes x (webhook, email, Kafka) for one subscription, 3 x webhook for the other.
      assertThat(deliveryLog(run)).noneSatisfy(d -> assertThat(d.get("outcome").asText()).isEqualTo("DEAD_LETTERED"));
      assertThat(logged(run, "agadez-fr", "webhook-1", "DELIVERED")).isEqualTo(3);
      assertThat(deliveryLog(run).stream().filter(d -> d.get("subscription_id").asText().equals("agadez-fr")
          && d.get("channel").asText().equals("webhook-1")).count())
          .as("one log entry per request the endpoint received").isEqualTo(receiver.received(agadez).size());
      assertThat(logged(run, "agadez-fr", "email-1", "DELIVERED")).isEqualTo(3);
      assertThat(logged(run, "agadez-fr", "kafka-1", "DELIVERED")).isEqualTo(3);
      assertThat(logged(run, "cap-en", "webhook-1", "DELIVERED")).isEqualTo(3);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aJobKilledMidRetryRedeliversWithTheSameWebhookIdUntilTheEndpointRecovers(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    Run run = Run.create();
    String flaky = "/" + run.id() + "/flaky";
    receiver.behaviour(flaky, List.of(500, 500, 500, 500), null);
    run.apply(subscription("flaky", Language.EN, List.of(webhook(flaky, PayloadFormat.JSON)), List.of(), List.of(),
        routes()));
    JobClient job = run.start();
    try {
      String alertId = "flaky-" + run.id();
      run.publish(DeliveryFixtures.surge(alertId, 1, false));
      await("two failed attempts", () -> receiver.received(flaky).size() >= 2);
      // The pending delivery in a completed checkpoint: the restart resumes it from there.
      long checkpointsBefore = completedCheckpoints(cluster, job.getJobID());
      await("a checkpoint after the failed attempts", () -> completedCheckpoints(cluster, job.getJobID())
          > checkpointsBefore);
      long restartsBefore = restarts(job.getJobID());
      // The only TaskManager runs every task: killing it fails them all; the job resumes from its last checkpoint.
      cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
      cluster.startTaskManager();
      await("a restart from the checkpoint", () -> restarts(job.getJobID()) > restartsBefore);
      await("the endpoint recovered and the message was accepted", () -> accepted(flaky).size() == 1);

      List<RealWebhookReceiver.Received> received = receiver.received(flaky);
      assertThat(received).extracting(RealWebhookReceiver.Received::webhookId)
          .containsOnly(MessageIds.of("flaky", alertId, 1));
      assertThat(received).extracting(RealWebhookReceiver.Received::status).containsSubsequence(500, 500, 500, 500, 204);
      await("the retries and the delivery logged", () -> logged(run, "flaky", "webhook-1", "DELIVERED") == 1
          && logged(run, "flaky", "webhook-1", "RETRYING") >= 3);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aGoneEndpointIsDisabledItsOwnerToldAndWhatFollowsDeadLettered() throws Exception {
    Run run = Run.create();
    String gone = "/" + run.id() + "/gone";
    receiver.behaviour(gone, List.of(410), null);
    Subscription subscription = Subscription.newBuilder(subscription("gone", Language.FR,
        List.of(webhook(gone, PayloadFormat.JSON)), List.of(), List.of(), routes()))
        .setOwner("owner-" + run.id() + "@flowwatch.test").build();
    run.apply(subscription);
    JobClient job = run.start();
    try {
      String alertId = "gone-" + run.id();
      run.publish(DeliveryFixtures.surge(alertId, 1, false));
      await("the endpoint disabled", () -> logged(run, "gone", "webhook-1", "DISABLED") == 1);
      run.publish(DeliveryFixtures.surge(alertId, 2, false));
      await("both messages dead-lettered", () -> logged(run, "gone", "webhook-1", "DEAD_LETTERED") == 2);

      assertThat(receiver.received(gone)).hasSize(1).extracting(RealWebhookReceiver.Received::status)
          .containsExactly(410);
      assertThat(mailTo(subscription.getOwner())).singleElement()
          .satisfies(notice -> assertThat(notice.getSubject()).isNotBlank());
      AvroCodec<DeadLetterDelivery> letters = AvroCodec.of(DeadLetterDelivery.class);
      await("the dead letters committed", () -> KafkaTestTopics.readCommitted(run.settings().kafka().bootstrapServers(),
          run.settings().deadLetterTopic()).size() == 2);
      assertThat(KafkaTestTopics.readCommitted(run.settings().kafka().bootstrapServers(), run.settings().deadLetterTopic()))
          .extracting(bytes -> letters.decode(bytes))
          .allSatisfy(letter -> assertThat(letter.getReason()).contains("410"))
          .extracting(letter -> letter.getMessage().getChanges().get(0).getAlert().getRevision())
          .containsExactlyInAnyOrder(1, 2);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFloodOfAHundredAlertsIsGroupedAndRateLimitedWithNothingDropped() throws Exception {
    Run run = Run.create(AlertDeliveryOptions.RATE_LIMIT, "2", AlertDeliveryOptions.RATE_LIMIT_PERIOD, "10 s");
    String flood = "/" + run.id() + "/flood";
    run.apply(subscription("flood", Language.EN, List.of(webhook(flood, PayloadFormat.JSON)), List.of(), List.of(),
        routes()));
    JobClient job = run.start();
    try {
      Set<String> published = new HashSet<>();
      // Two small bursts use up the limit (2 messages per 10 s); the flood that follows must wait for the period.
      for (int burst = 0; burst < 3; burst++) {
        int size = burst < 2 ? 10 : 80;
        List<SurgeAlert> alerts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          String id = "flood-" + run.id() + "-" + burst + "-" + i;
          alerts.add(DeliveryFixtures.surge(id, 1, false));
          published.add(id);
        }
        run.publish(alerts.toArray(SurgeAlert[]::new));
        if (burst < 2) {
          Set<String> sent = Set.copyOf(published);
          await("burst " + (burst + 1) + " delivered", () -> deliveredAlertIds(flood).containsAll(sent));
        }
      }
      await("every alert delivered", () -> deliveredAlertIds(flood).size() == 100);

      List<String> delivered = deliveredAlertIdsInOrder(flood);
      assertThat(delivered).as("each alert exactly once").doesNotHaveDuplicates();
      assertThat(Set.copyOf(delivered)).isEqualTo(published);
      List<RealWebhookReceiver.Received> messages = accepted(flood);
      assertThat(messages.size()).as("grouped: far fewer messages than alerts").isBetween(3, 10);
      // When each message was planned (the payload's timestamp): never 3 within any 10 seconds.
      List<Long> plannedAt = new ArrayList<>();
      for (RealWebhookReceiver.Received message : messages) {
        plannedAt.add(java.time.Instant.parse(JSON.readTree(message.body()).get("timestamp").asText()).toEpochMilli());
      }
      plannedAt.sort(null);
      for (int i = 2; i < plannedAt.size(); i++) {
        assertThat(plannedAt.get(i) - plannedAt.get(i - 2)).as("span of 3 consecutive messages")
            .isGreaterThanOrEqualTo(10_000);
      }
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static Set<String> deliveredAlertIds(String path) throws Exception {
    return new HashSet<>(deliveredAlertIdsInOrder(path));
  }

  private static List<String> deliveredAlertIdsInOrder(String path) throws Exception {
    List<String> ids = new ArrayList<>();
    for (RealWebhookReceiver.Received message : accepted(path)) {
      for (JsonNode alert : JSON.readTree(message.body()).at("/data/alerts")) {
        ids.add(alert.get("id").asText());
      }
    }
    return ids;
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    return start < 0 ? "" : text.substring(start + open.length(), text.indexOf(close, start));
  }

  private static long completedCheckpoints(MiniCluster cluster, JobID job) throws Exception {
    return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot().getCounts()
        .getNumberOfCompletedCheckpoints();
  }

  private static long restarts(JobID job) {
    return METRICS.findMetrics(job, "numRestarts").values().stream()
        .mapToLong(metric -> ((Number) ((Gauge<?>) metric).getValue()).longValue()).max().orElse(0);
  }

  private static void await(String condition, Callable<Boolean> holds) throws InterruptedException {
    Conditions.await(condition, DEADLINE, Duration.ofMillis(250), holds);
  }
}
