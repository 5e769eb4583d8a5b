package org.flowwatch.jobs.alertdelivery.subscriptions;

import java.util.List;

/** A subscriptions file that cannot be applied, with every problem found in it, each naming its line and field. */
public final class InvalidSubscriptionsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidSubscriptionsException(List<String> problems) {
    super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the subscriptions:\n"
        + String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, in the order of the file: {@code <file> line <n>: <field path>: <what is wrong>}. */
  public List<String> problems() {
    return problems;
  }
}
