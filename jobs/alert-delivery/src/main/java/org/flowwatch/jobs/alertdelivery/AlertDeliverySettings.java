package org.flowwatch.jobs.alertdelivery;

import static org.flowwatch.jobs.common.config.JobArguments.nonBlank;
import static org.flowwatch.jobs.common.config.JobArguments.positiveDuration;
import static org.flowwatch.jobs.common.config.JobArguments.positiveInt;
import static org.flowwatch.jobs.common.config.JobArguments.read;

import java.io.Serializable;
import org.flowwatch.jobs.common.config.JobBasics;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.alertdelivery.channels.ChannelSettings;
import org.flowwatch.jobs.alertdelivery.channels.email.SmtpSettings;
import org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookSettings;
import org.flowwatch.jobs.common.config.CheckpointSettings;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchConnection;
import org.flowwatch.jobs.common.kafka.KafkaConnection;

/** The validated settings of the alert delivery job; see {@link AlertDeliveryOptions} for what each means. */
public record AlertDeliverySettings(
    KafkaConnection kafka,
    String alertsTopic,
    String subscriptionsTopic,
    String deadLetterTopic,
    String transactionalIdPrefix,
    String groupId,
    StartingOffsets startingOffsets,
    ElasticsearchConnection elasticsearch,
    String deliveriesIndex,
    String rejectedIndex,
    Duration elasticsearchFlushInterval,
    DeliveryPolicy policy,
    Duration routingRetention,
    ChannelSettings channels,
    CheckpointSettings checkpoints,
    int parallelism) implements Serializable, JobBasics {

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
    String dashboardUrl = JobArguments.httpUrl(configuration, AlertDeliveryOptions.DASHBOARD_URL);
    Duration timeout = positiveDuration(configuration, AlertDeliveryOptions.WEBHOOK_TIMEOUT);
    ChannelSettings channels = new ChannelSettings(
        new WebhookSettings(timeout, timeout, dashboardUrl, nonBlank(configuration, AlertDeliveryOptions.CAP_SENDER)),
        smtp(configuration, dashboardUrl),
        configuration.get(AlertDeliveryOptions.SECRETS_FILE));
    return new AlertDeliverySettings(
        KafkaConnection.from(configuration, System.getenv()),
        nonBlank(configuration, AlertDeliveryOptions.ALERTS_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.DEAD_LETTER_TOPIC),
        nonBlank(configuration, AlertDeliveryOptions.TRANSACTIONAL_ID_PREFIX),
        nonBlank(configuration, AlertDeliveryOptions.GROUP_ID),
        read(configuration, AlertDeliveryOptions.STARTING_OFFSETS),
        ElasticsearchConnection.from(configuration, System.getenv()),
        JobArguments.indexName(configuration, AlertDeliveryOptions.DELIVERIES_INDEX, "flowwatch-deliveries"),
        JobArguments.indexName(configuration, AlertDeliveryOptions.REJECTED_INDEX, "flowwatch-rejected"),
        positiveDuration(configuration, AlertDeliveryOptions.ELASTICSEARCH_FLUSH_INTERVAL),
        new DeliveryPolicy(
            positiveDuration(configuration, AlertDeliveryOptions.GROUP_WAIT),
            positiveInt(configuration, AlertDeliveryOptions.RATE_LIMIT),
            positiveDuration(configuration, AlertDeliveryOptions.RATE_LIMIT_PERIOD),
            positiveDuration(configuration, AlertDeliveryOptions.RETRY_PERIOD),
            initialBackoff,
            maxBackoff),
        positiveDuration(configuration, AlertDeliveryOptions.ROUTING_RETENTION),
        channels,
        CheckpointSettings.from(configuration),
        positiveInt(configuration, AlertDeliveryOptions.PARALLELISM));
  }

  /** The SMTP settings, each error naming the job option it came from. */
  private static SmtpSettings smtp(Configuration configuration, String dashboardUrl) {
    String tls = nonBlank(configuration, AlertDeliveryOptions.SMTP_TLS);
    SmtpSettings.TlsMode mode = switch (tls) {
      case "none" -> SmtpSettings.TlsMode.NONE;
      case "starttls" -> SmtpSettings.TlsMode.STARTTLS_REQUIRED;
      case "implicit" -> SmtpSettings.TlsMode.IMPLICIT_TLS;
      default -> throw new InvalidOptionException(AlertDeliveryOptions.SMTP_TLS.key(),
          "must be none, starttls or implicit, was '" + tls + "'");
    };
    String username = configuration.get(AlertDeliveryOptions.SMTP_USERNAME);
    Duration timeout = positiveDuration(configuration, AlertDeliveryOptions.SMTP_TIMEOUT);
    try {
      return new SmtpSettings(nonBlank(configuration, AlertDeliveryOptions.SMTP_HOST),
          read(configuration, AlertDeliveryOptions.SMTP_PORT), nonBlank(configuration, AlertDeliveryOptions.SMTP_FROM),
          mode, username, username == null ? null : nonBlank(configuration, AlertDeliveryOptions.SMTP_PASSWORD_SECRET),
          timeout, timeout, nonBlank(configuration, AlertDeliveryOptions.SMTP_MESSAGE_ID_DOMAIN), dashboardUrl);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(smtpOption(e.getMessage()), e.getMessage());
    }
  }

  /** The option behind an SmtpSettings error ("SMTP setting <field> ..."). */
  private static String smtpOption(String message) {
    String field = message.replaceFirst("^SMTP setting (\\w+).*$", "$1");
    return switch (field) {
      case "host" -> AlertDeliveryOptions.SMTP_HOST.key();
      case "port" -> AlertDeliveryOptions.SMTP_PORT.key();
      case "fromAddress" -> AlertDeliveryOptions.SMTP_FROM.key();
      case "username" -> AlertDeliveryOptions.SMTP_USERNAME.key();
      case "passwordSecret" -> AlertDeliveryOptions.SMTP_PASSWORD_SECRET.key();
      case "messageIdDomain" -> AlertDeliveryOptions.SMTP_MESSAGE_ID_DOMAIN.key();
      case "dashboardUrl" -> AlertDeliveryOptions.DASHBOARD_URL.key();
      default -> AlertDeliveryOptions.SMTP_TIMEOUT.key();
    };
  }
}
