package org.flowwatch.jobs.alertdelivery.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.Subscription;

/**
 * A channel's name within its subscription: its type and its 1-based place among the subscription's channels of that
 * type, e.g. {@code webhook-1}, {@code email-2}, {@code kafka-1}. Names key the retry state and the delivery log.
 */
public record ChannelNames(ChannelType type, int number) {

  public static ChannelNames parse(String name) {
    int dash = name.lastIndexOf('-');
    if (dash < 1) {
      throw new IllegalArgumentException("not a channel name: '" + name + "'");
    }
    return new ChannelNames(ChannelType.valueOf(name.substring(0, dash).toUpperCase(Locale.ROOT)),
        Integer.parseInt(name.substring(dash + 1)));
  }

  /** Every channel of the subscription, webhooks first, then emails, then Kafka topics. */
  public static List<ChannelNames> of(Subscription subscription) {
    List<ChannelNames> names = new ArrayList<>();
    for (int i = 1; i <= subscription.getWebhooks().size(); i++) {
      names.add(new ChannelNames(ChannelType.WEBHOOK, i));
    }
    for (int i = 1; i <= subscription.getEmails().size(); i++) {
      names.add(new ChannelNames(ChannelType.EMAIL, i));
    }
    for (int i = 1; i <= subscription.getKafkaTopics().size(); i++) {
      names.add(new ChannelNames(ChannelType.KAFKA, i));
    }
    return names;
  }

  /** The 0-based index in the subscription's list of channels of this type. */
  public int index() {
    return number - 1;
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(Locale.ROOT) + "-" + number;
  }
}
