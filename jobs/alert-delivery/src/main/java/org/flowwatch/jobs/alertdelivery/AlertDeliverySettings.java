package org.flowwatch.jobs.alertdelivery;

import static org.flowwatch.jobs.common.config.JobArguments.nonBlank;
import static org.flowwatch.jobs.common.config.JobArguments.positiveDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveInt;
import static org.flowwatch.jobs.common.config.JobArguments.read;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.CheckpointSettings;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.StartingOffsets;

/** The validated settings of the alert delivery job; see {@link AlertDeliveryOptions} for what each means. */
public record AlertDeliverySettings(
    String kafkaBootstrapServers,
    String alertsTopic,
    String subscriptionsTopic,
    String deadLetterTopic,
    String transactionalIdPrefix,
    String groupId,
    StartingOffsets startingOffsets,
    String elasticsearchUrl,
    String deliveriesIndex,
    String rejectedIndex,
    Duration elasticsearchFlushInterval,
    DeliveryPolicy policy,
    Duration webhookTimeout,
    String capSender,
    String smtpHost,
    int smtpPort,
    String smtpTls,
    String smtpUsername,
    String smtpPasswordSecret,
    String smtpFrom,
    String secretsFile,
    String dashboardUrl,
    CheckpointSettings checkpoints,
    int parallelism) implements Serializable {

  public static AlertDeliverySettings defaults() {
    return from(new Configuration());
  }

  public static AlertDeliverySettings from(Configuration configuration) {
    Duration initialBackoff = positiveDuration(configuration, AlertDeliveryOptions.RETRY_INITIAL_BACKOFF);
    Duration maxBackoff = positiveDuration(configuration, AlertDeliveryOptions.RETRY_MAX_BACKOFF);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new InvalidOptionException(AlertDeliveryOptions.RETRY_MAX_BACKOFF.key(), "must not be below "
          + AlertDeliveryOptions.RETRY_INITIAL_BACKOFF.key() + " (" + initialBackoff + "), was " + maxBackoff);
    }
    int smtpPort = read(configuration, AlertDeliveryOptions.SMTP_PORT);
    if (smtpPort < 1 || smtpPort > 65535) {
      throw new InvalidOptionException(AlertDeliveryOptions.SMTP_PORT.key(), "must be 1..65535, was " + smtpPort);
    }
    String tls = nonBlank(configuration, AlertDeliveryOptions.SMTP_TLS);
    if (!tls.equals("none") && !tls.equals("starttls") && !tls.equals("implicit")) {
      throw new InvalidOptionException(AlertDeliveryOptions.SMTP_TLS.key(), "must be none, starttls or implicit, was '"
          + tls + "'");
    }
    return new AlertDeliverySettings(
        nonBlank(configuration, AlertDeliveryOptions.KAFKA_BOOTSTRAP_SERVERS),
        nonBlank(configuration, AlertDeliveryOptions.ALERTS_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.DEAD_LETTER_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.TRANSACTIONAL_ID_PREFIX),
        nonBlank(configuration, AlertDeliveryOptions.GROUP_ID),
        read(configuration, AlertDeliveryOptions.STARTING_OFFSETS),
        JobArguments.httpUrl(configuration, AlertDeliveryOptions.ELASTICSEARCH_URL),
        JobArguments.indexName(configuration, AlertDeliveryOptions.DELIVERIES_INDEX, "flowwatch-deliveries"),
        JobArguments.indexName(configuration, AlertDeliveryOptions.REJECTED_INDEX, "flowwatch-rejected"),
        positiveDuration(configuration, AlertDeliveryOptions.ELASTICSEARCH_FLUSH_INTERVAL),
        new DeliveryPolicy(
            positiveDuration(configuration, AlertDeliveryOptions.GROUP_WAIT),
            positiveInt(configuration, AlertDeliveryOptions.RATE_LIMIT),
            positiveDuration(configuration, AlertDeliveryOptions.RETRY_PERIOD),
            initialBackoff,
            maxBackoff),
        positiveDuration(configuration, AlertDeliveryOptions.WEBHOOK_TIMEOUT),
        nonBlank(configuration, AlertDeliveryOptions.CAP_SENDER),
        nonBlank(configuration, AlertDeliveryOptions.SMTP_HOST),
        smtpPort,
        tls,
        configuration.get(AlertDeliveryOptions.SMTP_USERNAME),
        nonBlank(configuration, AlertDeliveryOptions.SMTP_PASSWORD_SECRET),
        nonBlank(configuration, AlertDeliveryOptions.SMTP_FROM),
        configuration.get(AlertDeliveryOptions.SECRETS_FILE),
        JobArguments.httpUrl(configuration, AlertDeliveryOptions.DASHBOARD_URL),
        CheckpointSettings.from(configuration),
        positiveInt(configuration, AlertDeliveryOptions.PARALLELISM));
  }
}
