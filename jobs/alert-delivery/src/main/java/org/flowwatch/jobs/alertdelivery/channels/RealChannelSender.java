package org.flowwatch.jobs.alertdelivery.channels;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.flowwatch.jobs.alertdelivery.channels.email.EmailSender;
import org.flowwatch.jobs.alertdelivery.channels.email.OwnerNotices;
import org.flowwatch.jobs.alertdelivery.channels.webhook.WebhookSender;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.WebhookChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real channels: signed HTTP requests to webhooks, SMTP for email, owner notices by email. */
public final class RealChannelSender implements ChannelSender {
  private static final Logger LOG = LoggerFactory.getLogger(RealChannelSender.class);

  private final WebhookSender webhooks;
  private final EmailSender emails;
  private final OwnerNotices owners;

  public RealChannelSender(ChannelSettings settings, Secrets secrets) {
    this.webhooks = new WebhookSender(settings.webhook(), secrets);
    this.emails = new EmailSender(settings.smtp(), secrets);
    this.owners = new OwnerNotices(emails);
  }

  @Override
  public ChannelResult send(AlertMessage message, ChannelNames channel) {
    return switch (channel.type()) {
      case WEBHOOK -> webhooks.send(message, message.getSubscription().getWebhooks().get(channel.index()));
      case EMAIL -> emails.send(message, message.getSubscription().getEmails().get(channel.index()));
      case KAFKA -> throw new IllegalArgumentException("Kafka channels are a sink, not a request: " + channel);
    };
  }

  @Override
  public void endpointDisabled(AlertMessage message, ChannelNames channel, ChannelResult answer) {
    if (channel.type() != ChannelType.WEBHOOK) {
      return;
    }
    WebhookChannel webhook = message.getSubscription().getWebhooks().get(channel.index());
    Optional<ChannelResult> told = owners.endpointDisabled(message.getSubscription(), channel.toString(),
        webhook.getUrl(), Instant.now());
    // The delivery log and the dead letters record the disablement either way; the log says whether the owner knows.
    LOG.warn("subscription {} {} answered 410 Gone and is disabled; owner {}", message.getSubscription().getId(),
        channel, told.map(result -> "notified: " + result.verdict()).orElse("not set: nobody notified"));
  }

  /** Creates the channels on the task manager, with the secrets of its file and environment. */
  public record Factory(ChannelSettings settings) implements ChannelSender.Factory {
    @Override
    public ChannelSender create() throws Exception {
      Secrets secrets = Secrets.load(Optional.ofNullable(settings.secretsFile()).map(Path::of), System.getenv());
      return new RealChannelSender(settings, secrets);
    }
  }
}
