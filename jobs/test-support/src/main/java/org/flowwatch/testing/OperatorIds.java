package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The operator ids a job's state is saved under. A savepoint restores an operator's state by its uid: a uid that
 * disappears from a release drops that state, so each job commits the list it has ever had
 * ({@code src/test/resources/operator-uids.txt}) and a test checks that the current topology still has each one.
 */
public final class OperatorIds {
  private OperatorIds() {}

  /**
   * The uids of the job defined on {@code env}. Building the job graph is what enforces
   * {@code pipeline.auto-generate-uids: false}: it fails when an operator has no uid.
   */
  public static SortedSet<String> of(StreamExecutionEnvironment env) {
    StreamGraph graph = env.getStreamGraph(false);
    graph.getJobGraph();
    return graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The committed list: one uid per line; blank lines and lines starting with # are ignored. */
  public static SortedSet<String> committed(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
