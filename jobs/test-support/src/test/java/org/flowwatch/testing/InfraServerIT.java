package org.flowwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * A test run owns the servers it uses: it never adopts a server it did not start (today's defect: a broker left by
 * another checkout or an earlier run was adopted because it answered {@code status}, and then stopped by whichever run
 * had started it while the other was mid-test).
 */
class InfraServerIT {
  @Test
  void aSecondRunRefusesTheServerOfTheFirstAndLeavesItRunning() {
    int port = LoopbackPorts.freeWithCompanion(1);
    InfraServer first = InfraServer.start("Kafka", "infra/kafka/kafka.sh", "KAFKA_PORT", port);
    try {
      assertThat(accepts(port)).isTrue();

      assertThatThrownBy(() -> InfraServer.start("Kafka", "infra/kafka/kafka.sh", "KAFKA_PORT", port))
          .hasMessageContaining("Kafka did not start");

      assertThat(accepts(port)).as("the first run's broker still serves").isTrue();
    } finally {
      first.close();
    }
    assertThat(accepts(port)).as("the owner stopped its broker").isFalse();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
