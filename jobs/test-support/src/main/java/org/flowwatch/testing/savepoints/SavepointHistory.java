package org.flowwatch.testing.savepoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowwatch.testing.Checkout;

/**
 * The savepoints kept per release, like the frozen schema history: {@code state/history/releases.txt} lists the
 * releases oldest first, and {@code state/history/<release>/<job>/} holds the savepoint (its {@code _metadata} and any
 * state files) that the job of that release took of a fixed input (state/history/README.md).
 */
public final class SavepointHistory {
  private SavepointHistory() {}

  public static Path root() {
    return Checkout.root().resolve("state/history");
  }

  /** The released versions, oldest first; blank lines and lines starting with # are ignored. */
  public static List<String> releases() {
    try {
      return Files.readAllLines(root().resolve("releases.txt")).stream().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the list of releases in " + root(), e);
    }
  }

  /** Where {@code job}'s savepoint of {@code release} is (or goes, when it is frozen). */
  public static Path savepoint(String release, String job) {
    return root().resolve(release).resolve(job);
  }
}
