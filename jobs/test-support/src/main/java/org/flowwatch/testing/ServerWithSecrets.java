package org.flowwatch.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server a test run started together with the directory of its certificates and secrets, both removed when the run
 * ends (JUnit closes the root store).
 *
 * @param description what tests need to reach it (address, CA, password files)
 */
record ServerWithSecrets<T>(InfraServer server, T description, Path secrets)
    implements ExtensionContext.Store.CloseableResource {
  @Override
  public void close() {
    server.close();
    StateDirectory.delete(secrets);
  }
}
