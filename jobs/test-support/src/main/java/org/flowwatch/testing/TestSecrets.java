package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secret files for tests, as an operator would provide them: one secret per file, readable by its owner only. */
public final class TestSecrets {
  private TestSecrets() {}

  /** Writes {@code secret} (with a trailing line break, as editors leave it) to {@code directory/name}. */
  public static Path write(Path directory, String name, String secret) {
    Path file = directory.resolve(name);
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secret file " + file, e);
    }
  }
}
