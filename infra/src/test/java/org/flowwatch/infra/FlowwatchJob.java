package org.flowwatch.infra;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryConnectors;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryJob;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.alertdelivery.AlertDeliverySettings;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.surgedetection.SurgeDetectionConnectors;
import org.flowwatch.jobs.surgedetection.SurgeDetectionJob;
import org.flowwatch.jobs.surgedetection.SurgeDetectionOptions;
import org.flowwatch.jobs.surgedetection.SurgeDetectionSettings;

/** The three jobs as the code declares them: module, main class, name, options and the topics they need. */
enum FlowwatchJob {
  FLOW_AGGREGATION("flow-aggregation", FlowAggregationJob.class, FlowAggregationJob.NAME, FlowAggregationOptions.ALL,
      configuration -> FlowAggregationConnectors.topics(FlowAggregationSettings.from(configuration))),
  SURGE_DETECTION("surge-detection", SurgeDetectionJob.class, SurgeDetectionJob.NAME, SurgeDetectionOptions.ALL,
      configuration -> SurgeDetectionConnectors.topics(SurgeDetectionSettings.from(configuration))),
  ALERT_DELIVERY("alert-delivery", AlertDeliveryJob.class, AlertDeliveryJob.NAME, AlertDeliveryOptions.ALL,
      configuration -> AlertDeliveryConnectors.topics(AlertDeliverySettings.from(configuration)));

  final String module;
  final Class<?> mainClass;
  /** The name the job runs under in Flink (its NAME constant). */
  final String jobName;
  final List<ConfigOption<?>> options;
  private final Function<Configuration, List<TopicSpec>> topicsOfSettings;

  FlowwatchJob(String module, Class<?> mainClass, String jobName, List<ConfigOption<?>> options,
      Function<Configuration, List<TopicSpec>> topicsOfSettings) {
    this.module = module;
    this.mainClass = mainClass;
    this.jobName = jobName;
    this.options = options;
    this.topicsOfSettings = topicsOfSettings;
  }

  /** Where the image holds the job's jar (infra/kubernetes/Dockerfile). */
  String imageJarPath() {
    return "/opt/flink/usrlib/flowwatch-" + module + ".jar";
  }

  /** The jar the build makes (the lead's shaded job jar), relative to the repository root. */
  String builtJar() {
    return "jobs/" + module + "/target/flowwatch-" + module + "-" + Project.version() + "-job.jar";
  }

  /** The settings the job builds at start-up (Settings.from, which validates values), and the topics they name. */
  List<TopicSpec> topics(Configuration configuration) {
    return topicsOfSettings.apply(configuration);
  }

  static FlowwatchJob byMainClass(String mainClass) {
    return Arrays.stream(values()).filter(job -> job.mainClass.getName().equals(mainClass)).findFirst()
        .orElseThrow(() -> new AssertionError("no flowwatch job has the main class " + mainClass));
  }
}
