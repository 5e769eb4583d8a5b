package org.flowwatch.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on 127.0.0.1 for the servers a test run starts, so that runs on one machine never meet. */
public final class LoopbackPorts {
  /**
   * Candidates lie below the kernel's ephemeral range (32768 and up on Linux), where outgoing connections take their
   * local ports and could grab a chosen port before the server binds it, and above the ports people give by hand.
   */
  private static final int LOWEST = 24_000;
  private static final int HIGHEST = 32_000;

  private LoopbackPorts() {}

  /** The port the system property names when it is above 0, else a free one as {@link #freeWithCompanion(int)}. */
  static int configuredOrFree(String property, int companionOffset) {
    int configured = Integer.getInteger(property, 0);
    return configured > 0 ? configured : freeWithCompanion(companionOffset);
  }

  /** A free port. */
  public static int free() {
    return freeWithCompanion(0);
  }

  /**
   * A free port p whose companion p + {@code offset} is free too (Kafka's controller listens on p + 1, Elasticsearch's
   * transport on p + 100).
   */
  public static int freeWithCompanion(int offset) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - offset);
      if (isFree(port) && isFree(port + offset)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port pair (offset " + offset + ") between " + LOWEST + " and "
        + HIGHEST);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
