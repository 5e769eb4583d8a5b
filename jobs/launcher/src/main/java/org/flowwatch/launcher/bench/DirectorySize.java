package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of the files under a directory, for checkpoint sizes. */
final class DirectorySize {
  private DirectorySize() {}

  /** Bytes of every regular file under {@code directory}; files that vanish while counted (a checkpoint subsumed) are skipped. */
  static long bytes(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (var paths = Files.walk(directory)) {
      return paths.mapToLong(path -> {
        try {
          return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (IOException vanished) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException vanished) {
      return 0;
    }
  }
}
