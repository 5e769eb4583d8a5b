package org.flowwatch.jobs.flowaggregation.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyKeyTest {
  private static final String SECRET = "a secret of at least sixteen bytes";

  @Test
  void aKeyFileWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("key"), SECRET + "\n");
    PrivacyKey fromFile = PrivacyKey.load(Optional.of(file), Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, "other key, long enough"));
    PrivacyKey fromEnvironment = PrivacyKey.load(Optional.empty(), Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, SECRET));

    assertThat(fromFile.hmacHex("x")).isEqualTo(fromEnvironment.hmacHex("x"));
  }

  @Test
  void withoutFileOrEnvironmentTheDemoKeyIsUsed() throws Exception {
    assertThat(PrivacyKey.load(Optional.empty(), Map.of()).hmacHex("x")).isEqualTo(PrivacyKey.demo().hmacHex("x"));
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> PrivacyKey.load(Optional.empty(), Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, "short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PrivacyKey.ENVIRONMENT_VARIABLE)
        .hasMessageNotContaining("short");
  }

  @Test
  void neverShowsTheKey() throws Exception {
    PrivacyKey key = PrivacyKey.load(Optional.empty(), Map.of(PrivacyKey.ENVIRONMENT_VARIABLE, SECRET));
    assertThat(key.toString()).doesNotContain(SECRET).contains(PrivacyKey.ENVIRONMENT_VARIABLE);
  }

  @Test
  void isAnHmacSha256() {
    assertThat(PrivacyKey.demo().hmac("FLOW_MONITORING|o1")).hasSize(32);
    assertThat(PrivacyKey.demo().hmacHex("a")).isNotEqualTo(PrivacyKey.demo().hmacHex("b"));
  }
}
