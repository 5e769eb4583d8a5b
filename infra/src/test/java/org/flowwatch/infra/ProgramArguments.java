package org.flowwatch.infra;

import org.flowwatch.launcher.cluster.FlowwatchJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.kafka.KafkaTopics.TopicSpec;

/** A job's program arguments, checked the way the job checks them when it starts. */
final class ProgramArguments {
  /**
   * Options whose value is a file of a mounted Secret, which exists only in a pod: the tests check that the path lies
   * in a mounted Secret instead of reading it.
   */
  static final Set<String> SECRET_FILE_OPTIONS = Set.of("privacy.key-file", "secrets.file", "kafka.properties-file",
      "elasticsearch.password-file", "elasticsearch.api-key-file", "elasticsearch.ca-certificate");

  private ProgramArguments() {}

  /** {@code --option value} pairs in order; anything else (a lone value, an option given twice) fails. */
  static Map<String, String> pairs(List<String> args) {
    if (args.size() % 2 != 0) {
      throw new AssertionError("arguments are not --option value pairs: " + args);
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String option = args.get(i);
      if (!option.startsWith("--") || pairs.put(option.substring(2), args.get(i + 1)) != null) {
        throw new AssertionError("'" + option + "' is not an option, or given twice, in " + args);
      }
    }
    return pairs;
  }

  /**
   * What the job does with its arguments at start-up, up to its connectors: JobArguments.parse (known options,
   * well-typed values), then its Settings.from (the checks beyond the type), then the topics it needs. Secret files
   * are left out of the settings, as they exist only in the pod.
   */
  static List<TopicSpec> topicsAtStartUp(FlowwatchJob job, List<String> args) {
    Map<String, String> pairs = pairs(args);
    JobArguments.parse(toArgs(pairs), job.options());
    pairs.keySet().removeAll(SECRET_FILE_OPTIONS);
    return job.topics(JobArguments.parse(toArgs(pairs), job.options()));
  }

  private static String[] toArgs(Map<String, String> pairs) {
    List<String> args = new ArrayList<>();
    pairs.forEach((option, value) -> {
      args.add("--" + option);
      args.add(value);
    });
    return args.toArray(String[]::new);
  }
}
