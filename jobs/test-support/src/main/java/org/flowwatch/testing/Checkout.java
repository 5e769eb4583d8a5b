package org.flowwatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the flowwatch checkout and the shared folder beside it are, seen from a test. */
public final class Checkout {
  private Checkout() {}

  /** The checkout's root: the flowwatch.repo.root property (set by the build), else the nearest parent with infra/. */
  public static Path root() {
    String configured = System.getProperty("flowwatch.repo.root");
    if (configured != null && Files.isRegularFile(Path.of(configured, "infra", "lib.sh"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("infra/lib.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the flowwatch checkout (a parent folder with infra/lib.sh) from "
        + Path.of("").toAbsolutePath());
  }

  /**
   * A file of the shared data folder that sits beside the checkout (../shared/data/), which a fresh clone does not
   * have: without the file the calling test is skipped (a JUnit assumption), with a message naming it.
   */
  public static Path sharedData(String name) {
    return shared("data/" + name);
  }

  /**
   * A file of the shared folder beside the checkout, e.g. {@code standards/cap/cap12.xsd} for ../shared/standards/cap/:
   * without the file the calling test is skipped (a JUnit assumption), with a message naming it.
   */
  public static Path shared(String relativePath) {
    Path file = root().resolve("../shared").resolve(relativePath).normalize();
    Assumptions.assumeTrue(Files.isRegularFile(file),
        () -> "skipped: shared file missing: " + file + " (the shared/ folder sits beside the checkout)");
    return file;
  }
}
