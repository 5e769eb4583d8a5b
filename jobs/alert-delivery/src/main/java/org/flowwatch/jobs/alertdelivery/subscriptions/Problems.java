package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of a file instead of stopping at the first, so that one run lists all there is to fix. */
final class Problems {
  private record Problem(int line, String text) {}

  private final String source;
  private final List<Problem> found = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  void report(Node node, String path, String problem) {
    report(node.getStartMark(), path + ": " + problem);
  }

  void report(Mark mark, String problem) {
    int line = mark.getLine() + 1;
    found.add(new Problem(line, source + " line " + line + ": " + problem));
  }

  void reportFile(String problem) {
    found.add(new Problem(0, source + ": " + problem));
  }

  void throwIfAny() throws InvalidSubscriptionsException {
    if (!found.isEmpty()) {
      // Stable sort: problems on one line keep the order they were found in.
      throw new InvalidSubscriptionsException(found.stream()
          .sorted(Comparator.comparingInt(Problem::line)).map(Problem::text).toList());
    }
  }
}
