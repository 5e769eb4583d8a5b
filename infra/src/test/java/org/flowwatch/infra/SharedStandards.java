package org.flowwatch.infra;

import java.nio.file.Path;
import org.flowwatch.testing.Checkout;

/** The published schemas in ../shared/standards/ (never copied into the project); without them a test is skipped. */
final class SharedStandards {
  private SharedStandards() {}

  static Path file(String relativePath) {
    return Checkout.shared("standards/" + relativePath);
  }
}
