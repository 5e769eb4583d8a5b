package org.flowwatch.jobs.alertdelivery.subscriptions;

import org.yaml.snakeyaml.nodes.Node;

/** A scalar of the file with where it is: its node (for the line) and its field path (for people). */
record YamlText(String value, Node node, String path) {
  void report(Problems problems, String problem) {
    problems.report(node, path, problem);
  }
}
