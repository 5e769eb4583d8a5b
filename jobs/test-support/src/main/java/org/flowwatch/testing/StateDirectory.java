package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** A state directory for servers a test starts (FLOWWATCH_STATE_DIR of infra/), private to that test run. */
public final class StateDirectory {
  /**
   * Where they go: reachable by the unprivileged user Elasticsearch runs as when the tests run as root, which a checkout
   * in a private folder (mktemp -d is mode 700) is not.
   */
  private static final Path PARENT = Path.of("/var/tmp");

  private StateDirectory() {}

  /** A new, empty directory named after {@code purpose}. */
  public static Path create(String purpose) {
    try {
      Path directory = Files.createTempDirectory(PARENT, "flowwatch-test-" + purpose + "-");
      // createTempDirectory makes it private to this user; the Elasticsearch user has to pass through it.
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for " + purpose + " under " + PARENT, e);
    }
  }

  /** Removes the directory and everything in it (once its servers are stopped). */
  public static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not remove " + directory + " completely: " + e);
    }
  }
}
