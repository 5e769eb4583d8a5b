package org.flowwatch.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.alertdelivery.AlertDeliverySettings;
import org.flowwatch.jobs.alertdelivery.channels.ChannelNames;
import org.flowwatch.jobs.alertdelivery.channels.ChannelResult;
import org.flowwatch.jobs.alertdelivery.channels.ChannelSender;
import org.flowwatch.jobs.alertdelivery.channels.MessageIds;
import org.flowwatch.jobs.alertdelivery.channels.RealChannelSender;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.alertdelivery.subscriptions.InvalidSubscriptionsException;
import org.flowwatch.jobs.alertdelivery.subscriptions.SubscriptionsFile;
import org.flowwatch.jobs.common.kafka.KafkaConnection;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.AlertSeverity;
import org.flowwatch.schema.AlertSignal;
import org.flowwatch.schema.AlertStatus;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.codec.AvroCodec;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.ChannelType;
import org.flowwatch.schema.delivery.MessageKind;
import org.flowwatch.schema.delivery.Subscription;
import org.flowwatch.schema.delivery.SubscriptionFilters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code ./flowwatch alerts test-send}: a clearly marked test alert through one subscription's channels. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "Alert delivery tools (see docs/operations/alert-delivery.md).",
    subcommands = AlertsCommand.TestSend.class)
final class AlertsCommand implements Runnable {
  static final int NOT_DELIVERED = 1;
  static final int INVALID_ARGUMENTS = 2;
  /** The route of the test alert when the subscription filters on no route, point or region. */
  private static final String FALLBACK_ROUTE = "AGADEZ-LIBYA";

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "test-send", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Send a test alert through every channel of one subscription, with the alert delivery job's own "
          + "settings, and print what each endpoint answered, one line per channel. The message is marked as a test "
          + "everywhere: kind TEST, a webhook payload with \"test\": true, CAP status Test, an email with the "
          + "X-Flowwatch-Test header and \"test\" in its subject; its alert is a fabricated one (id test-<uuid>, "
          + "method test). Kafka channels receive it as a SurgeAlert record keyed by that id. Secrets and message "
          + "bodies are never printed.",
          "Job options: give any option of the alert delivery job as it is given to the job, --<option> <value> "
              + "(e.g. --smtp.host mail.example.org --smtp.port 587 --smtp.tls starttls --smtp.username alerts "
              + "--secrets.file /etc/flowwatch/secrets --webhook.timeout \"5 s\"; every option is in "
              + "AlertDeliveryOptions): they are checked as the job checks them, so an unknown option or a bad value "
              + "is refused by name. Secrets come from the secrets.file and FLOWWATCH_SECRET_<NAME> variables, as in "
              + "the job. Kafka channels are written to the servers of --kafka, or of the job option "
              + "kafka.bootstrap-servers when --kafka is not given.",
          "See docs/operations/alert-delivery.md."},
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {"0:every channel delivered",
          "1:a channel did not deliver (retry later, refused, gone, not written)",
          "2:invalid subscriptions file, unknown subscription id, bad job option or unreadable secrets file (the "
              + "message names it)"})
  static final class TestSend implements java.util.concurrent.Callable<Integer> {
    private static final String COMMAND = "flowwatch alerts test-send";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--subscriptions", required = true, paramLabel = "FILE",
        description = "The subscriptions file (YAML), the one given to subscriptions apply.")
    Path file;

    @Option(names = "--subscription", required = true, paramLabel = "ID",
        description = "The id of the subscription to test.")
    String subscriptionId;

    @Mixin
    ServerOptions.Kafka kafka;

    @Unmatched
    List<String> jobOptions = new ArrayList<>();

    @Override
    public Integer call() {
      PrintStream out = System.out;
      PrintStream err = System.err;
      AlertDeliverySettings settings;
      try {
        settings = AlertDeliverySettings.from(JobArguments.parse(jobOptions.toArray(String[]::new),
            AlertDeliveryOptions.ALL));
      } catch (IllegalArgumentException e) {
        // InvalidOptionException names the option; ParameterTool's own errors name the argument.
        err.println(COMMAND + ": " + e.getMessage());
        return INVALID_ARGUMENTS;
      }
      List<Subscription> subscriptions;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        subscriptions = SubscriptionsFile.parse(file.toString(), reader);
      } catch (InvalidSubscriptionsException e) {
        e.problems().forEach(err::println);
        return INVALID_ARGUMENTS;
      } catch (IOException e) {
        err.println(COMMAND + ": cannot read " + file + ": " + describe(e));
        return INVALID_ARGUMENTS;
      }
      Optional<Subscription> found = subscriptions.stream().filter(s -> s.getId().equals(subscriptionId)).findFirst();
      if (found.isEmpty()) {
        err.println(COMMAND + ": no subscription '" + subscriptionId + "' in " + file + "; its subscriptions: "
            + String.join(", ", subscriptions.stream().map(Subscription::getId).sorted().toList()));
        return INVALID_ARGUMENTS;
      }
      Subscription subscription = found.get();
      List<ChannelNames> channels = ChannelNames.of(subscription);
      if (channels.isEmpty()) {
        err.println(COMMAND + ": subscription '" + subscriptionId + "' has no channel to test");
        return INVALID_ARGUMENTS;
      }
      ChannelSender sender;
      try {
        sender = new RealChannelSender.Factory(settings.channels()).create();
      } catch (IOException e) {
        err.println(COMMAND + ": option '" + AlertDeliveryOptions.SECRETS_FILE.key() + "': cannot read "
            + settings.channels().secretsFile() + ": " + describe(e));
        return INVALID_ARGUMENTS;
      } catch (Exception e) {
        err.println(COMMAND + ": cannot create the channels: " + e.getMessage());
        return INVALID_ARGUMENTS;
      }

      AlertMessage message = testMessage(subscription, Instant.now());
      KafkaConnection kafkaConnection = spec.commandLine().getParseResult().hasMatchedOption("--kafka")
          ? kafka.connection() : settings.kafka();
      out.printf("Test alert %s (message %s) to subscription %s (%s), %d %s:%n",
          message.getChanges().get(0).getAlert().getId(), message.getId(), subscription.getId(),
          subscription.getName(), channels.size(), channels.size() == 1 ? "channel" : "channels");
      int failed = 0;
      try (sender) {
        for (ChannelNames channel : channels) {
          boolean delivered = channel.type() == ChannelType.KAFKA
              ? sendToKafka(message, channel, kafkaConnection, out)
              : report(channel, endpoint(subscription, channel), sender.send(message, channel), out);
          failed += delivered ? 0 : 1;
        }
      }
      if (failed == 0) {
        out.printf("%s: every channel delivered the test alert%n", COMMAND);
        return 0;
      }
      out.printf("%s: %d of %d channels did not deliver the test alert%n", COMMAND, failed, channels.size());
      return NOT_DELIVERED;
    }

    /** Prints the line of a webhook or email channel; true when it delivered. */
    private static boolean report(ChannelNames channel, String endpoint, ChannelResult result, PrintStream out) {
      String status = result.statusCode() == null ? null
          : (channel.type() == ChannelType.EMAIL ? "SMTP " : "HTTP ") + result.statusCode();
      String detail = status == null ? result.reason()
          : result.reason() == null ? status : status + ": " + result.reason();
      String outcome = switch (result.verdict()) {
        case DELIVERED -> "delivered (" + status + ") in " + result.latencyMillis() + " ms";
        case RETRY -> "retry later (" + detail + ")"
            + (result.retryAfter() == null ? "" : ", Retry-After " + result.retryAfter().toSeconds() + " s")
            + " after " + result.latencyMillis() + " ms";
        case GONE -> "gone (" + detail + "): the job would disable this endpoint and tell the subscription's owner";
        case REFUSED -> "refused (" + detail + ")";
      };
      out.printf("%s %s: %s%n", channel, endpoint, outcome);
      return result.verdict() == ChannelResult.Verdict.DELIVERED;
    }

    /** Writes the test alert to a Kafka channel's topic as the job does (without its transaction); true when written. */
    private static boolean sendToKafka(AlertMessage message, ChannelNames channel, KafkaConnection kafka,
        PrintStream out) {
      String topic = message.getSubscription().getKafkaTopics().get(channel.index()).getTopic();
      SurgeAlert alert = message.getChanges().get(0).getAlert();
      Properties properties = kafka.clientProperties();
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      properties.put(ProducerConfig.CLIENT_ID_CONFIG, "flowwatch-alerts-test-send");
      properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis() / 2);
      properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
      properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, KAFKA_TIMEOUT.toMillis());
      long started = System.nanoTime();
      String outcome;
      boolean written = false;
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic,
            alert.getId().getBytes(StandardCharsets.UTF_8), AvroCodec.of(SurgeAlert.class).encode(alert)));
        RecordMetadata metadata = sent.get(KAFKA_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        outcome = "written to partition " + metadata.partition() + " at offset " + metadata.offset() + " in "
            + (System.nanoTime() - started) / 1_000_000 + " ms";
        written = true;
      } catch (ExecutionException e) {
        outcome = "not written (" + describe(e.getCause()) + ")";
      } catch (TimeoutException e) {
        outcome = "not written (no answer from " + kafka.bootstrapServers() + " within " + KAFKA_TIMEOUT.toSeconds() * 2
            + " s)";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = "not written (interrupted)";
      } catch (KafkaException e) {
        outcome = "not written (" + describe(e) + ")";
      }
      out.printf("%s %s: %s%n", channel, topic, outcome);
      return written;
    }

    /** How a line names the endpoint: the recipients, or the URL without its query or user info (tokens live there). */
    private static String endpoint(Subscription subscription, ChannelNames channel) {
      if (channel.type() == ChannelType.EMAIL) {
        return String.join(", ", subscription.getEmails().get(channel.index()).getTo());
      }
      String url = subscription.getWebhooks().get(channel.index()).getUrl();
      try {
        URI uri = new URI(url);
        return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return "(webhook URL not shown: not a valid URL)";
      }
    }

    private static String describe(Throwable e) {
      if (e instanceof NoSuchFileException) {
        return "no such file";
      }
      String message = e.getMessage();
      return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
  }

  /**
   * The test message: one fabricated alert change that cannot pass for a real one (id test-&lt;uuid&gt;, method test, kind
   * TEST), on the subscription's first route, point or region when it filters on one (so that it reads like what the
   * subscription receives), otherwise on a Niger route.
   */
  static AlertMessage testMessage(Subscription subscription, Instant now) {
    SubscriptionFilters filters = subscription.getFilters();
    List<MonitoringPoint> registry = MonitoringPoints.niger();
    String route = null;
    String point = null;
    if (!filters.getRoutes().isEmpty()) {
      route = filters.getRoutes().get(0);
    } else if (!filters.getPoints().isEmpty()) {
      point = filters.getPoints().get(0);
    } else if (!filters.getRegions().isEmpty()) {
      point = registry.stream().filter(p -> filters.getRegions().contains(p.getAdminRegion()))
          .map(MonitoringPoint::getCode).findFirst().orElse(null);
    }
    if (route == null && point == null) {
      route = FALLBACK_ROUTE;
    }
    String nationality = route != null && !filters.getNationalities().isEmpty()
        ? filters.getNationalities().get(0) : null;
    AlertSignal signal = filters.getSignals().isEmpty() ? AlertSignal.SURGE : filters.getSignals().get(0);
    Direction direction = filters.getDirections().isEmpty() ? Direction.OUTGOING : filters.getDirections().get(0);
    AlertSeverity severity = filters.getMinSeverity() == AlertSeverity.HIGH ? AlertSeverity.HIGH
        : AlertSeverity.MEDIUM;
    double expected = 40;
    double observed = switch (signal) {
      case SURGE -> 120;
      case COLLAPSE -> 8;
      case SILENCE -> 0;
    };
    double threshold = signal == AlertSignal.SURGE ? 70 : 15;
    String seriesKey = (route != null ? "route=" + route : "point=" + point)
        + (nationality != null ? "|nationality=" + nationality : "") + "|direction=" + direction + "|test";
    Instant period = now.truncatedTo(ChronoUnit.HOURS);
    SurgeAlert alert = SurgeAlert.newBuilder()
        .setId("test-" + UUID.randomUUID())
        .setSignal(signal)
        .setStatus(AlertStatus.OPEN)
        .setSeverity(severity)
        .setMethod("test")
        .setSeriesKey(seriesKey)
        .setRoute(route)
        .setPointCode(point)
        .setNationality(nationality)
        .setDirection(direction)
        .setOpenedAt(period)
        .setUpdatedAt(period)
        .setObserved(observed)
        .setExpected(expected)
        .setThreshold(threshold)
        .setScore(3.0)
        .setRevision(1)
        .build();
    return AlertMessage.newBuilder()
        .setId(MessageIds.of(subscription.getId(), alert.getId(), alert.getRevision()))
        .setKind(MessageKind.TEST)
        .setSubscription(subscription)
        .setChanges(List.of(new AlertPlaces(registry).describe(alert, List.of())))
        .setPlannedAt(now)
        .build();
  }
}
