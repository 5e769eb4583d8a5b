package org.flowwatch.jobs.alertdelivery;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.flowwatch.jobs.common.config.CommonOptions;
import org.flowwatch.jobs.common.config.StartingOffsets;

/** Every option of the alert delivery job, declared once: name, type, default (runs on one machine), description. */
public final class AlertDeliveryOptions {
  private AlertDeliveryOptions() {}

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = CommonOptions.KAFKA_BOOTSTRAP_SERVERS;
  public static final ConfigOption<String> ALERTS_TOPIC = key("kafka.topic.alerts").stringType()
      .defaultValue("flowwatch.alerts")
      .withDescription("Topic of SurgeAlert records written by the surge detection job (read committed).");
  public static final ConfigOption<String> SUBSCRIPTIONS_TOPIC = key("kafka.topic.subscriptions").stringType()
      .defaultValue("flowwatch.subscriptions")
      .withDescription("Compacted topic of subscriptions, written by ./flowwatch subscriptions apply; read from the "
          + "start into broadcast state, so a change applies without a restart.");
  public static final ConfigOption<String> DEAD_LETTER_TOPIC = key("kafka.topic.dead-letters").stringType()
      .defaultValue("flowwatch.alert-deliveries.dead-letters")
      .withDescription("Topic of messages given up on a channel, with the reason (transactional).");
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix").stringType()
      .defaultValue("flowwatch-alert-delivery")
      .withDescription("Prefix of the Kafka transactional ids of the job's sinks; unique per job deployment.");
  public static final ConfigOption<String> GROUP_ID = key("kafka.group-id").stringType()
      .defaultValue("flowwatch-alert-delivery").withDescription("Kafka consumer group; offsets are committed on checkpoints.");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = CommonOptions.STARTING_OFFSETS;
  public static final ConfigOption<String> ELASTICSEARCH_URL = CommonOptions.ELASTICSEARCH_URL;
  public static final ConfigOption<String> DELIVERIES_INDEX = key("elasticsearch.deliveries-index").stringType()
      .defaultValue("flowwatch-deliveries")
      .withDescription("Index of the delivery log, one document per attempt; must start with flowwatch-deliveries so "
          + "that the index template maps it.");
  public static final ConfigOption<String> REJECTED_INDEX = CommonOptions.REJECTED_INDEX;
  public static final ConfigOption<Duration> ELASTICSEARCH_FLUSH_INTERVAL = CommonOptions.ELASTICSEARCH_FLUSH_INTERVAL;
  public static final ConfigOption<Duration> GROUP_WAIT = key("delivery.group-wait").durationType()
      .defaultValue(Duration.ofSeconds(30))
      .withDescription("Alerts for one subscription that arrive within this wait of the first go in one message.");
  public static final ConfigOption<Integer> RATE_LIMIT = key("delivery.rate-limit").intType()
      .defaultValue(20).withDescription("Messages a subscription receives in any delivery.rate-limit-period at most; "
          + "what exceeds it waits for the next message, never dropped.");
  public static final ConfigOption<Duration> RATE_LIMIT_PERIOD = key("delivery.rate-limit-period").durationType()
      .defaultValue(Duration.ofHours(1)).withDescription("The sliding period of delivery.rate-limit.");
  public static final ConfigOption<Duration> ROUTING_RETENTION = key("delivery.routing-retention").durationType()
      .defaultValue(Duration.ofDays(90))
      .withDescription("How long after an episode's last revision the job remembers which revisions it routed, to "
          + "drop replays of the alerts topic; counted in processing time, also across a savepoint.");
  public static final ConfigOption<Duration> RETRY_PERIOD = key("delivery.retry-period").durationType()
      .defaultValue(Duration.ofHours(24))
      .withDescription("How long a failing delivery is retried before it goes to the dead-letter topic.");
  public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF = key("delivery.retry-initial-backoff").durationType()
      .defaultValue(Duration.ofSeconds(30))
      .withDescription("Wait before the first retry; doubled at each attempt up to delivery.retry-max-backoff, with "
          + "equal jitter (a random wait in the upper half of the backoff); an endpoint's Retry-After wins when longer.");
  public static final ConfigOption<Duration> RETRY_MAX_BACKOFF = key("delivery.retry-max-backoff").durationType()
      .defaultValue(Duration.ofHours(1)).withDescription("Longest wait between two attempts.");
  public static final ConfigOption<Duration> WEBHOOK_TIMEOUT = key("webhook.timeout").durationType()
      .defaultValue(Duration.ofSeconds(10))
      .withDescription("Longest time a webhook endpoint may take to answer (connecting counts too).");
  public static final ConfigOption<String> CAP_SENDER = key("cap.sender").stringType()
      .defaultValue("flowwatch@flowwatch.local").withDescription("The sender of CAP 1.2 messages (CAP <sender>).");
  public static final ConfigOption<String> SMTP_HOST = key("smtp.host").stringType().defaultValue("127.0.0.1")
      .withDescription("SMTP server for email channels.");
  public static final ConfigOption<Integer> SMTP_PORT = key("smtp.port").intType().defaultValue(25)
      .withDescription("SMTP server port (587 for STARTTLS submission, 465 for implicit TLS).");
  public static final ConfigOption<String> SMTP_TLS = key("smtp.tls").stringType().defaultValue("none")
      .withDescription("none, starttls (required) or implicit (SMTPS).");
  public static final ConfigOption<String> SMTP_USERNAME = key("smtp.username").stringType().noDefaultValue()
      .withDescription("SMTP user name; authentication is off when unset.");
  public static final ConfigOption<String> SMTP_PASSWORD_SECRET = key("smtp.password-secret").stringType()
      .defaultValue("smtp-password")
      .withDescription("NAME of the secret holding the SMTP password (secrets file or FLOWWATCH_SECRET_<NAME>).");
  public static final ConfigOption<String> SMTP_FROM = key("smtp.from").stringType()
      .defaultValue("flowwatch@flowwatch.local").withDescription("From address of alert emails.");
  public static final ConfigOption<Duration> SMTP_TIMEOUT = key("smtp.timeout").durationType()
      .defaultValue(Duration.ofSeconds(10)).withDescription("Longest wait to connect to the SMTP server and for each reply.");
  public static final ConfigOption<String> SMTP_MESSAGE_ID_DOMAIN = key("smtp.message-id-domain").stringType()
      .defaultValue("flowwatch.local").withDescription("Right-hand side of the Message-IDs of alert emails, which "
          + "thread each episode's messages in mail clients.");
  public static final ConfigOption<String> SECRETS_FILE = key("secrets.file").stringType().noDefaultValue()
      .withDescription("File of name=value secrets (webhook signing secrets, the SMTP password), readable by the job "
          + "only; FLOWWATCH_SECRET_<NAME> environment variables are read too. Never give secrets as arguments.");
  public static final ConfigOption<String> DASHBOARD_URL = key("delivery.dashboard-url").stringType()
      .defaultValue("http://127.0.0.1:5601/app/dashboards#/view/flowwatch-situation-room")
      .withDescription("Link to the situation room in every message.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = CommonOptions.CHECKPOINT_INTERVAL;
  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT = CommonOptions.CHECKPOINT_TIMEOUT;
  public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = CommonOptions.CHECKPOINT_TOLERABLE_FAILURES;
  public static final ConfigOption<Integer> PARALLELISM = CommonOptions.PARALLELISM;

  /** Every option of the job, the shared Kafka and Elasticsearch security options included. */
  public static final List<ConfigOption<?>> ALL = Stream.of(List.<ConfigOption<?>>of(KAFKA_BOOTSTRAP_SERVERS, ALERTS_TOPIC,
      SUBSCRIPTIONS_TOPIC, DEAD_LETTER_TOPIC, TRANSACTIONAL_ID_PREFIX, GROUP_ID, STARTING_OFFSETS, ELASTICSEARCH_URL,
      DELIVERIES_INDEX, REJECTED_INDEX, ELASTICSEARCH_FLUSH_INTERVAL, GROUP_WAIT, RATE_LIMIT, RATE_LIMIT_PERIOD,
      ROUTING_RETENTION, RETRY_PERIOD, RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF, WEBHOOK_TIMEOUT, CAP_SENDER,
      SMTP_HOST, SMTP_PORT, SMTP_TLS, SMTP_USERNAME, SMTP_PASSWORD_SECRET, SMTP_FROM, SMTP_TIMEOUT,
      SMTP_MESSAGE_ID_DOMAIN, SECRETS_FILE, DASHBOARD_URL, CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT, CHECKPOINT_TOLERABLE_FAILURES, PARALLELISM),
      CommonOptions.KAFKA_SECURITY, CommonOptions.ELASTICSEARCH_SECURITY).flatMap(List::stream).toList();
}
