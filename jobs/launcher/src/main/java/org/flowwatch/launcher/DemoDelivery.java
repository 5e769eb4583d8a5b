package org.flowwatch.launcher;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.alertdelivery.AlertDeliverySettings;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsFile;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsTopic;
import org.flowwatch.jobs.common.config.StartingOffsets;
import org.flowwatch.schema.delivery.Subscription;

/**
 * The demo's alert subscribers: a local webhook receiver (infra/webhook-receiver, started by {@code ./flowwatch demo},
 * which verifies every signature with its own code) and a local SMTP server started here (GreenMail, real SMTP on a
 * loopback socket). Writes the demo's subscriptions file and secret, applies the subscriptions, and reports each
 * delivery from the delivery log with where to read what arrived: the receiver's stored JSON and the emails, saved
 * as .eml files.
 */
final class DemoDelivery implements AutoCloseable {
  static final String SUBSCRIPTIONS_TOPIC = DemoCommand.TOPIC_PREFIX + "subscriptions";
  static final String DEAD_LETTER_TOPIC = DemoCommand.TOPIC_PREFIX + "alert-deliveries.dead-letters";
  static final String DELIVERIES_INDEX = "flowwatch-deliveries-demo";
  private static final String SECRET_NAME = "demo-webhook";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final Path directory;
  private final Path receiverHome;
  private final int receiverPort;
  private final GreenMail smtp;
  private final Path secretsFile;
  private final Path mailDirectory;
  private final Set<String> reported = new HashSet<>();
  private int savedMails;
  /** The alert ids delivered, by channel type (WEBHOOK, EMAIL, KAFKA). */
  private final Map<String, Set<String>> delivered = new java.util.HashMap<>();

  /**
   * @param directory where the demo keeps its subscriptions file, its secrets file and the emails received
   * @param receiverHome the webhook receiver's directory (its secrets.json and received/)
   */
  DemoDelivery(ElasticsearchClient client, Path directory, Path receiverHome, int receiverPort, int smtpPort)
      throws IOException {
    this.client = client;
    this.directory = directory;
    this.receiverHome = receiverHome;
    this.receiverPort = receiverPort;
    Files.createDirectories(directory);
    this.mailDirectory = directory.resolve("mail");
    Files.createDirectories(mailDirectory);
    try (var old = Files.list(mailDirectory)) {
      for (Path mail : old.toList()) {
        Files.delete(mail);
      }
    }
    this.secretsFile = directory.resolve("secrets.properties");
    this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  /** Writes the secret (for the job and the receiver) and the subscriptions file, and applies the subscriptions. */
  Path subscribe(KafkaConnection kafka) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    writePrivately(secretsFile, SECRET_NAME + "=" + secret + "\n");
    Path receiverSecrets = receiverHome.resolve("secrets.json");
    Path writing = receiverHome.resolve("secrets.json.writing");
    Files.createDirectories(receiverHome);
    JSON.writeValue(writing.toFile(), Map.of("/hooks/protection-agadez", List.of(secret),
        "/hooks/early-warning-cap", List.of(secret)));
    Files.move(writing, receiverSecrets, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    String yaml;
    try (InputStream in = DemoDelivery.class.getResourceAsStream("/flowwatch/demo/subscriptions.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${WEBHOOK_PORT}",
          String.valueOf(receiverPort));
    }
    Path file = directory.resolve("subscriptions.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    List<Subscription> subscriptions = SubscriptionsFile.parse(file.toString(), new StringReader(yaml));
    SubscriptionsTopic.apply(kafka, SUBSCRIPTIONS_TOPIC, subscriptions, Clock.systemUTC());
    return file;
  }

  /** The alert delivery job on the demo's alerts, with a short grouping wait so a delivery shows within seconds. */
  AlertDeliverySettings settings(Configuration servers, String alertsTopic, String rejectedIndex) {
    Configuration configuration = new Configuration(servers);
    configuration.set(AlertDeliveryOptions.ALERTS_TOPIC, alertsTopic);
    configuration.set(AlertDeliveryOptions.SUBSCRIPTIONS_TOPIC, SUBSCRIPTIONS_TOPIC);
    configuration.set(AlertDeliveryOptions.DEAD_LETTER_TOPIC, DEAD_LETTER_TOPIC);
    configuration.set(AlertDeliveryOptions.TRANSACTIONAL_ID_PREFIX, "flowwatch-demo-alert-delivery");
    configuration.set(AlertDeliveryOptions.GROUP_ID, "flowwatch-demo-alert-delivery");
    configuration.set(AlertDeliveryOptions.STARTING_OFFSETS, StartingOffsets.EARLIEST);
    configuration.set(AlertDeliveryOptions.DELIVERIES_INDEX, DELIVERIES_INDEX);
    configuration.set(AlertDeliveryOptions.REJECTED_INDEX, rejectedIndex);
    configuration.set(AlertDeliveryOptions.GROUP_WAIT, Duration.ofSeconds(5));
    configuration.set(AlertDeliveryOptions.SMTP_HOST, "127.0.0.1");
    configuration.set(AlertDeliveryOptions.SMTP_PORT, smtp.getSmtp().getPort());
    configuration.set(AlertDeliveryOptions.SMTP_FROM, "flowwatch-demo@demo.flowwatch.local");
    configuration.set(AlertDeliveryOptions.SECRETS_FILE, secretsFile.toString());
    configuration.set(AlertDeliveryOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
    configuration.set(AlertDeliveryOptions.PARALLELISM, 1);
    return AlertDeliverySettings.from(configuration);
  }

  /** Lines for the deliveries logged since the last call, and saves the emails received so far. */
  List<String> poll() {
    List<String> lines = new ArrayList<>();
    saveMails();
    try {
      var response = client.search(s -> s.index(DELIVERIES_INDEX + "-*").size(500).ignoreUnavailable(true)
          .allowNoIndices(true).sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Asc))), JsonNode.class);
      for (Hit<JsonNode> hit : response.hits().hits()) {
        if (hit.source() != null && reported.add(hit.id())) {
          lines.add(line(hit.source()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The index appears with the first delivery; until then there is nothing to show.
    }
    return lines;
  }

  /** Whether a message about {@code alertId} was delivered on a channel of this type (WEBHOOK, EMAIL). */
  boolean delivered(String alertId, String channelType) {
    return delivered.getOrDefault(channelType, Set.of()).contains(alertId);
  }

  private String line(JsonNode attempt) {
    String outcome = attempt.path("outcome").asText();
    String type = attempt.path("channel_type").asText();
    if (outcome.equals("DELIVERED")) {
      attempt.path("alert_ids").forEach(id -> delivered.computeIfAbsent(type, t -> new HashSet<>()).add(id.asText()));
    }
    String where = switch (type) {
      case "WEBHOOK" -> "to the local webhook receiver (it verified the signature; stored in "
          + receiverHome.resolve("received") + ")";
      case "EMAIL" -> "to the local SMTP server (saved in " + mailDirectory + ")";
      default -> "";
    };
    String status = attempt.has("status_code") ? " " + attempt.path("status_code").asText() : "";
    return String.format("DELIVERY %s%s: %s %s of %s (%s), attempt %d %s", outcome, status,
        attempt.path("kind").asText().toLowerCase(java.util.Locale.ROOT), attempt.path("channel").asText(),
        attempt.path("subscription_id").asText(), changes(attempt), attempt.path("attempt").asInt(), where);
  }

  /** "alert surge:route=...:2026-11-29T23:00:00Z revision 1" or "3 alert changes". */
  private static String changes(JsonNode attempt) {
    JsonNode ids = attempt.path("alert_ids");
    JsonNode revisions = attempt.path("revisions");
    List<String> distinct = new ArrayList<>();
    ids.forEach(id -> {
      if (!distinct.contains(id.asText())) {
        distinct.add(id.asText());
      }
    });
    if (distinct.size() != 1) {
      return ids.size() + " alert changes";
    }
    List<String> numbers = new ArrayList<>();
    revisions.forEach(revision -> numbers.add(revision.asText()));
    return "alert " + distinct.get(0) + (numbers.size() == 1 ? " revision " : " revisions ")
        + String.join(", ", numbers);
  }

  private void saveMails() {
    MimeMessage[] received = smtp.getReceivedMessages();
    for (; savedMails < received.length; savedMails++) {
      Path file = mailDirectory.resolve(String.format("%03d.eml", savedMails + 1));
      try (OutputStream out = Files.newOutputStream(file)) {
        received[savedMails].writeTo(out);
      } catch (Exception e) {
        System.out.println("flowwatch demo: could not save an email to " + file + ": " + e.getMessage());
      }
    }
  }

  /** Where to read what the subscribers received. */
  String whereToRead(Path subscriptions) {
    return String.format("  Subscriptions:  %s (applied to %s)%n  Webhooks:       received JSON and CAP in %s%n"
        + "  Emails:         %s (SMTP 127.0.0.1:%d)%n", subscriptions, SUBSCRIPTIONS_TOPIC,
        receiverHome.resolve("received"), mailDirectory, smtp.getSmtp().getPort());
  }

  private static void writePrivately(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    saveMails();
    smtp.stop();
  }
}
