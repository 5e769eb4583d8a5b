package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schema.delivery.EmailChannel;
import org.flowwatch.schema.delivery.KafkaChannel;
import org.flowwatch.schema.delivery.PayloadFormat;
import org.flowwatch.schema.delivery.WebhookChannel;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A subscription's {@code channels}: a list whose items each hold exactly one of webhook, email or kafka. Values that
 * fail a rule are reported and may be left null in the result, which is then never returned.
 */
final class ChannelSection {
  private static final List<String> KINDS = List.of("webhook", "email", "kafka");
  private static final Choices<PayloadFormat> FORMATS = Choices.of(PayloadFormat.values());

  record Channels(List<WebhookChannel> webhooks, List<EmailChannel> emails, List<KafkaChannel> kafkaTopics) {}

  private ChannelSection() {}

  static Channels read(YamlMapping subscription, Problems problems) {
    Channels channels = new Channels(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<YamlMapping.Item> items = subscription.requiredList("channels",
        "at least one channel: " + String.join(", ", KINDS));
    for (YamlMapping.Item item : items) {
      YamlMapping.open(item.node(), item.path(), problems, KINDS).ifPresent(channel -> read(channel, channels, problems));
    }
    return channels;
  }

  private static void read(YamlMapping channel, Channels channels, Problems problems) {
    if (channel.keys().size() != 1) {
      problems.report(channel.node(), channel.path(),
          "must hold exactly one of " + String.join(", ", KINDS) + ", held " + channel.keys().size());
      return;
    }
    String kind = channel.keys().get(0);
    Node value = channel.value(kind).orElseThrow();
    switch (kind) {
      case "webhook" -> YamlMapping.open(value, channel.path(kind), problems, List.of("url", "secrets", "format"))
          .ifPresent(webhook -> channels.webhooks().add(webhook(webhook, problems)));
      case "email" -> YamlMapping.open(value, channel.path(kind), problems, List.of("to"))
          .ifPresent(email -> channels.emails().add(email(email, problems)));
      default -> YamlMapping.open(value, channel.path(kind), problems, List.of("topic"))
          .ifPresent(kafka -> channels.kafkaTopics().add(kafka(kafka, problems)));
    }
  }

  private static WebhookChannel webhook(YamlMapping webhook, Problems problems) {
    String url = webhook.requiredText("url").filter(text -> FieldRules.url(text, problems))
        .map(text -> text.value().strip()).orElse(null);
    List<String> names = webhook.requiredTexts("secrets", "the name of at least one signing secret").stream().filter(text -> FieldRules.secretName(text, problems))
        .map(text -> text.value().strip()).toList();
    PayloadFormat format = webhook.text("format").flatMap(text -> FORMATS.read(text, problems))
        .orElse(PayloadFormat.JSON);
    return new WebhookChannel(url, names, format);
  }

  private static EmailChannel email(YamlMapping email, Problems problems) {
    return new EmailChannel(email.requiredTexts("to", "at least one address").stream().filter(text -> FieldRules.address(text, problems)).map(YamlText::value)
        .toList());
  }

  private static KafkaChannel kafka(YamlMapping kafka, Problems problems) {
    return new KafkaChannel(kafka.requiredText("topic").filter(text -> FieldRules.topic(text, problems))
        .map(YamlText::value).orElse(null));
  }
}
