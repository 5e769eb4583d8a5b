package org.flowwatch.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryConnectors;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryJob;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.jobs.alertdelivery.AlertDeliverySettings;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.config.JobEnvironment;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;
import org.flowwatch.jobs.flowaggregation.FlowAggregationConnectors;
import org.flowwatch.jobs.flowaggregation.FlowAggregationJob;
import org.flowwatch.jobs.flowaggregation.FlowAggregationOptions;
import org.flowwatch.jobs.flowaggregation.FlowAggregationSettings;
import org.flowwatch.jobs.surgedetection.SurgeDetectionConnectors;
import org.flowwatch.jobs.surgedetection.SurgeDetectionJob;
import org.flowwatch.jobs.surgedetection.SurgeDetectionOptions;
import org.flowwatch.jobs.surgedetection.SurgeDetectionSettings;

/** The jobs flowwatch deploys to a Flink cluster: how the command line names them, and how the cluster does. */
public enum FlowwatchJob {
  FLOW_AGGREGATION("flow-aggregation", FlowAggregationJob.NAME, FlowAggregationJob.class, FlowAggregationOptions.ALL,
      options -> FlowAggregationConnectors.topics(FlowAggregationSettings.from(options))),
  SURGE_DETECTION("surge-detection", SurgeDetectionJob.NAME, SurgeDetectionJob.class, SurgeDetectionOptions.ALL,
      options -> SurgeDetectionConnectors.topics(SurgeDetectionSettings.from(options))),
  ALERT_DELIVERY("alert-delivery", AlertDeliveryJob.NAME, AlertDeliveryJob.class, AlertDeliveryOptions.ALL,
      options -> AlertDeliveryConnectors.topics(AlertDeliverySettings.from(options)));

  private final String commandName;
  private final String flinkName;
  private final Class<?> mainClass;
  private final List<ConfigOption<?>> options;
  /** Builds the job's settings from its options (which validates them) and names the topics they need. */
  private final Function<Configuration, List<TopicSpec>> topics;

  FlowwatchJob(String commandName, String flinkName, Class<?> mainClass, List<ConfigOption<?>> options,
      Function<Configuration, List<TopicSpec>> topics) {
    this.commandName = commandName;
    this.flinkName = flinkName;
    this.mainClass = mainClass;
    // As the job's main parses them (JobEnvironment.run): its own options and the shared environment options.
    this.options = JobEnvironment.withEnvironmentOptions(options);
    this.topics = topics;
  }

  /** As the command line names it, e.g. flow-aggregation (also its module folder under jobs/). */
  public String commandName() {
    return commandName;
  }

  /** As the cluster names it: the job name the job's main class gives Flink. */
  public String flinkName() {
    return flinkName;
  }

  public String mainClass() {
    return mainClass.getName();
  }

  /** Checks job options here, before any cluster sees them: an error names the option (InvalidOptionException). */
  public void checkOptions(List<String> arguments) {
    topics(JobArguments.parse(arguments.toArray(String[]::new), options));
  }

  public List<ConfigOption<?>> options() {
    return options;
  }

  /** The topics the job needs with these options (parsed), after the checks its settings make at start-up. */
  public List<TopicSpec> topics(Configuration parsedOptions) {
    return topics.apply(parsedOptions);
  }

  public static FlowwatchJob named(String name) {
    return Arrays.stream(values()).filter(job -> job.commandName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown job '" + name + "'; the jobs are "
            + Arrays.stream(values()).map(FlowwatchJob::commandName).collect(Collectors.joining(", "))));
  }

  /** The job jar the build makes in a checkout: jobs/NAME/target/flowwatch-NAME-VERSION-job.jar. */
  public Path builtJar(Path checkout) {
    Path target = checkout.resolve("jobs").resolve(commandName).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString().matches("flowwatch-" + commandName + "-.*-job\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no job jar in " + target
              + ": build it with `mvn -DskipTests package` or give --jar"));
    } catch (IOException e) {
      throw new IllegalArgumentException("no job jar in " + target + " (" + e.getMessage()
          + "): build it with `mvn -DskipTests package` or give --jar");
    }
  }
}
