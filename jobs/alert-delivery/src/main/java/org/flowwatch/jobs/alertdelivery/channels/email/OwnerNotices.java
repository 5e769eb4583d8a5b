package org.flowwatch.jobs.alertdelivery.channels.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.text.AlertWording;
import org.flowwatch.schema.delivery.Subscription;

/**
 * Tells a subscription's owner, by email in the subscription's language, that one of its endpoints answered 410 Gone
 * and was disabled: otherwise the endpoint would go quiet and nobody would know why. Sent through the alerts' sender,
 * so through the same SMTP server and settings.
 */
public final class OwnerNotices {
  private final EmailSender sender;

  public OwnerNotices(EmailSender sender) {
    this.sender = sender;
  }

  /**
   * Emails the owner that {@code url}, the channel called {@code channelName}, was disabled at {@code disabledAt}.
   *
   * @return how sending went, or empty when the subscription has no owner to tell
   */
  public Optional<ChannelResult> endpointDisabled(Subscription subscription, String channelName, String url,
      Instant disabledAt) {
    if (subscription.getOwner() == null) {
      return Optional.empty();
    }
    EmailTemplates.Rendered texts = sender.templates().endpointDisabled(Map.of(
        "subscriptionId", subscription.getId(),
        "subscriptionName", subscription.getName(),
        "channelName", channelName,
        "url", url,
        "disabledAt", AlertWording.time(disabledAt),
        "dashboardUrl", sender.settings().dashboardUrl()), subscription.getLanguage());
    return Optional.of(sender.deliver(messageId(subscription, url, disabledAt), List.of(subscription.getOwner()),
        email -> {
          email.setSubject(texts.subject(), StandardCharsets.UTF_8.name());
          email.setText(texts.text(), StandardCharsets.UTF_8.name(), "plain");
        }));
  }

  /** The same for every retry of the notice about this disabling, so that the owner's mailbox can deduplicate it. */
  private String messageId(Subscription subscription, String url, Instant disabledAt) {
    String key = subscription.getId() + "\n" + url + "\n" + disabledAt;
    return MessageIds.emailMessageId("endpoint-disabled." + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
        sender.settings().messageIdDomain());
  }
}
