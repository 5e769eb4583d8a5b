package org.flowwatch.jobs.alertdelivery;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowwatch.jobs.alertdelivery.functions.DeliverMessages;
import org.flowwatch.jobs.alertdelivery.functions.KafkaChannelLog;
import org.flowwatch.jobs.alertdelivery.functions.PlanMessages;
import org.flowwatch.jobs.alertdelivery.functions.RouteAlerts;
import org.flowwatch.jobs.alertdelivery.functions.ToChannelDeliveries;
import org.flowwatch.jobs.alertdelivery.routing.AlertPlaces;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.SurgeAlert;
import org.flowwatch.schema.delivery.AlertMessage;
import org.flowwatch.schema.delivery.DeliveryAttempt;
import org.flowwatch.schema.delivery.PendingDelivery;
import org.flowwatch.schema.delivery.SubscriptionUpdate;

/**
 * Alert delivery: the surge detection job's alert episodes reach their subscribers. Each revision is routed to the
 * subscriptions whose filters match (subscriptions from a compacted topic, in broadcast state), planned into messages
 * per subscription (grouping wait, hourly rate limit, daily digests), and delivered per channel: signed webhooks (JSON
 * or CAP 1.2) and email with durable retries, Kafka topics through a transactional sink. Every attempt goes to the
 * delivery log index; what cannot be delivered goes to a dead-letter topic with the reason. The topology takes its
 * sources, channels and sinks as arguments; {@link #main} wires the real ones.
 */
public final class AlertDeliveryJob {
  public static final String NAME = "flowwatch alert delivery";
  private static final TypeInformation<AlertMessage> MESSAGE = new AvroTypeInfo<>(AlertMessage.class);
  private static final TypeInformation<PendingDelivery> DELIVERY = new AvroTypeInfo<>(PendingDelivery.class);
  private static final TypeInformation<DeliveryAttempt> ATTEMPT = new AvroTypeInfo<>(DeliveryAttempt.class);

  private AlertDeliveryJob() {}

  public static void main(String[] args) throws Exception {
    JobEnvironment.run(NAME, args, AlertDeliveryOptions.ALL, AlertDeliverySettings::from,
        (env, settings) -> defineTopology(env, settings, AlertDeliveryConnectors.real(settings)));
  }

  /** Job-wide settings, shared by every flowwatch job ({@link JobEnvironment}). */
  public static Configuration environmentConfiguration() {
    return JobEnvironment.configuration();
  }

  public static void configure(StreamExecutionEnvironment env, AlertDeliverySettings settings) {
    JobEnvironment.configure(env, settings.parallelism(), settings.checkpoints());
  }

  public static DataStream<DeliveryAttempt> defineTopology(StreamExecutionEnvironment env,
      AlertDeliverySettings settings, AlertDeliveryIo io) {
    BroadcastStream<SubscriptionUpdate> subscriptions = env
        .fromSource(io.subscriptions(), WatermarkStrategy.noWatermarks(), "subscriptions")
        .uid("subscriptions-source")
        .setParallelism(1)
        .broadcast(RouteAlerts.SUBSCRIPTIONS, RouteAlerts.SET);
    DataStream<AlertMessage> routed = env.fromSource(io.alerts(), WatermarkStrategy.noWatermarks(), "alerts")
        .uid("alerts-source")
        .keyBy(SurgeAlert::getId)
        .connect(subscriptions)
        .process(new RouteAlerts(new AlertPlaces(MonitoringPoints.niger()), settings.routingRetention()), MESSAGE)
        .name("route alerts").uid("route-alerts");
    SingleOutputStreamOperator<PendingDelivery> deliveries = routed
        .keyBy(message -> message.getSubscription().getId())
        .process(new PlanMessages(settings.policy()), MESSAGE).name("plan messages").uid("plan-messages")
        .process(new ToChannelDeliveries(), DELIVERY).name("to channels").uid("to-channels");
    SingleOutputStreamOperator<DeliveryAttempt> attempts = deliveries
        .keyBy(DeliverMessages::key)
        .process(new DeliverMessages(settings.policy(), io.senders()), ATTEMPT).name("deliver").uid("deliver");
    DataStream<PendingDelivery> toTopics = deliveries.getSideOutput(ToChannelDeliveries.KAFKA);
    toTopics.sinkTo(io.subscriberTopics()).name("kafka: subscriber topics").uid("kafka-subscriber-topics");
    attempts.getSideOutput(DeliverMessages.DEAD_LETTERS).sinkTo(io.deadLetters()).name("kafka: dead letters")
        .uid("kafka-dead-letters");
    DataStream<DeliveryAttempt> log = attempts.union(toTopics.map(new KafkaChannelLog(), ATTEMPT)
        .name("log kafka deliveries").uid("log-kafka-deliveries"));
    log.sinkTo(io.deliveryLog()).name("elasticsearch: deliveries").uid("elasticsearch-deliveries");
    return log;
  }
}
