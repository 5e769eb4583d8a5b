package org.flowwatch.launcher.cluster;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;

/**
 * Whether a savepoint restores into a new version of a job, checked before the running job is stopped: the same test
 * Flink makes when the new job starts (every operator state of the savepoint needs an operator with its id, and keyed
 * state needs the same max parallelism), made here on the new jar's job graph so that an upgrade that would drop
 * state is refused while the old job still runs.
 */
public final class StateCompatibility {
  private StateCompatibility() {}

  /**
   * What would not restore; empty when everything does. Fails when the savepoint is not on a file system this
   * machine reads (the cluster still refuses such an upgrade when the job starts: state is never dropped).
   */
  public static List<String> problems(String savepointLocation, Path jar, List<String> programArguments)
      throws ClusterException {
    Map<OperatorID, Integer> newOperators = maxParallelismByOperator(jobGraph(jar, programArguments));
    List<String> problems = new ArrayList<>();
    for (OperatorState state : savedState(savepointLocation).getOperatorStates()) {
      if (!state.hasSubtaskStates() && state.getCoordinatorState() == null) {
        continue;
      }
      Integer maxParallelism = newOperators.get(state.getOperatorID());
      if (maxParallelism == null) {
        problems.add("no operator takes the state of " + describe(state));
      } else if (maxParallelism > 0 && maxParallelism != state.getMaxParallelism()) {
        problems.add("the state of " + describe(state) + " was saved with max parallelism " + state.getMaxParallelism()
            + ", the new job has " + maxParallelism);
      }
    }
    return problems;
  }

  private static String describe(OperatorState state) {
    return "operator " + state.getOperatorUid().map(uid -> "uid '" + uid + "'").orElse(state.getOperatorID().toString())
        + state.getOperatorName().map(name -> " (" + name + ")").orElse("");
  }

  static CheckpointMetadata savedState(String savepointLocation) throws ClusterException {
    URI uri = URI.create(savepointLocation);
    if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
      throw new ClusterException("cannot read the savepoint " + savepointLocation + " from this machine to check it");
    }
    Path metadata = Path.of(uri.getScheme() == null ? savepointLocation : uri.getPath()).resolve("_metadata");
    try (InputStream in = Files.newInputStream(metadata)) {
      return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), StateCompatibility.class.getClassLoader(),
          savepointLocation);
    } catch (IOException e) {
      throw new ClusterException("cannot read the savepoint metadata " + metadata + ": " + e.getMessage());
    }
  }

  /** The job graph the jar's main method builds with these arguments, built here without running anything. */
  static JobGraph jobGraph(Path jar, List<String> programArguments) throws ClusterException {
    try {
      // The jar's own classes (its topology) load from the jar; Flink, its connectors, Kafka's clients and Avro from
      // this launcher, which carries the same versions: a class of those two kinds from each side would not link.
      Configuration configuration = new Configuration();
      configuration.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL,
          List.of("org.apache.kafka.", "org.apache.avro."));
      PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jar.toFile()).setConfiguration(configuration)
          .setArguments(programArguments.toArray(String[]::new)).build();
      try {
        return PackagedProgramUtils.createJobGraph(program, new Configuration(), 1, true);
      } finally {
        program.close();
      }
    } catch (ProgramInvocationException e) {
      throw new ClusterException("cannot build the job graph of " + jar + ": " + FlinkRest.firstLines(stackTrace(e)));
    }
  }

  private static Map<OperatorID, Integer> maxParallelismByOperator(JobGraph graph) {
    Map<OperatorID, Integer> operators = new HashMap<>();
    for (JobVertex vertex : graph.getVertices()) {
      for (OperatorIDPair pair : vertex.getOperatorIDs()) {
        operators.put(pair.getGeneratedOperatorID(), vertex.getMaxParallelism());
        pair.getUserDefinedOperatorID().ifPresent(id -> operators.put(id, vertex.getMaxParallelism()));
      }
    }
    return operators;
  }

  private static String stackTrace(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append("\nCaused by: ").append(cause);
    }
    return text.toString();
  }
}
