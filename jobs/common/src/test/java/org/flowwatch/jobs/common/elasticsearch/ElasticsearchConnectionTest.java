package org.flowwatch.jobs.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.testing.TestCertificates;
import org.flowwatch.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Elasticsearch security options: typed, validated at start-up, never shown. */
class ElasticsearchConnectionTest {
  @TempDir
  Path directory;

  private ElasticsearchConnection connection(Map<String, String> options, Map<String, String> environment) {
    return ElasticsearchConnection.from(Configuration.fromMap(options), environment);
  }

  private ElasticsearchConnection connection(Map<String, String> options) {
    return connection(options, Map.of());
  }

  private String file(String name, String content) {
    return TestSecrets.write(directory, name, content).toString();
  }

  @Test
  void shouldDefaultToPlainHttpWithoutCredentials() {
    ElasticsearchConnection plain = connection(Map.of());

    assertThat(plain.url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(plain.security().authorization()).isEmpty();
    assertThat(plain.security().sslContext()).isEmpty();
  }

  @Test
  void shouldSendBasicCredentialsOrAnApiKeyAndNeverShowThem() {
    ElasticsearchConnection basic = connection(Map.of("elasticsearch.url", "https://es:9200",
        "elasticsearch.username", "flowwatch", "elasticsearch.password-file", file("password", "pa55")));
    ElasticsearchConnection apiKey = connection(Map.of("elasticsearch.url", "https://es:9200"),
        Map.of(ElasticsearchSecurity.API_KEY_VARIABLE, "a2V5aWQ6c2VjcmV0"));

    assertThat(basic.security().authorization()).contains("Basic Zmxvd3dhdGNoOnBhNTU=");
    assertThat(apiKey.security().authorization()).contains("ApiKey a2V5aWQ6c2VjcmV0");
    assertThat(basic.toString()).doesNotContain("pa55", "Zmxvd3dhdGNoOnBhNTU=").contains("user 'flowwatch'");
    assertThat(apiKey.toString()).doesNotContain("a2V5aWQ6c2VjcmV0").contains("API key");
  }

  @Test
  void shouldTrustTheCaCertificateOrTheTruststore() {
    TestCertificates certificates = TestCertificates.generate(directory);

    assertThat(connection(Map.of("elasticsearch.url", "https://es:9200", "elasticsearch.ca-certificate",
        certificates.caCertificate().toString())).security().sslContext()).isPresent();
    assertThat(connection(Map.of("elasticsearch.url", "https://es:9200", "elasticsearch.truststore",
        certificates.truststore().toString(), "elasticsearch.truststore.password-file",
        certificates.storePasswordFile().toString())).security().sslContext()).isPresent();
    assertThatThrownBy(() -> connection(Map.of("elasticsearch.url", "https://es:9200", "elasticsearch.truststore",
        certificates.truststore().toString(), "elasticsearch.truststore.password-file", file("wrong", "wrong"))))
        .hasMessageStartingWith("option 'elasticsearch.truststore'");
    assertThatThrownBy(() -> connection(Map.of("elasticsearch.url", "https://es:9200",
        "elasticsearch.ca-certificate", certificates.storePasswordFile().toString())))
        .hasMessageStartingWith("option 'elasticsearch.ca-certificate'");
  }

  @Test
  void shouldRefuseBothAnApiKeyAndAPassword() {
    assertThatThrownBy(() -> connection(Map.of("elasticsearch.url", "https://es:9200",
        "elasticsearch.username", "u", "elasticsearch.password-file", file("password", "p"),
        "elasticsearch.api-key-file", file("key", "k"))))
        .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("option 'elasticsearch.api-key-file'");
  }

  @Test
  void shouldRefuseCredentialsOverPlainHttpUnlessAllowed() {
    Map<String, String> options = new HashMap<>(Map.of("elasticsearch.url", "http://es:9200",
        "elasticsearch.api-key-file", file("key", "k")));

    assertThatThrownBy(() -> connection(options)).hasMessageStartingWith("option 'elasticsearch.url'")
        .hasMessageContaining("unencrypted");
    options.put("elasticsearch.allow-plain-http-credentials", "true");
    assertThat(connection(options).security().hasCredentials()).isTrue();
  }

  @Test
  void shouldRefuseAUserWithoutPasswordAndAMissingFile() {
    assertThatThrownBy(() -> connection(Map.of("elasticsearch.url", "https://es:9200", "elasticsearch.username", "u")))
        .hasMessageStartingWith("option 'elasticsearch.password-file'")
        .hasMessageContaining(ElasticsearchSecurity.PASSWORD_VARIABLE);
    assertThatThrownBy(() -> connection(Map.of("elasticsearch.url", "https://es:9200",
        "elasticsearch.api-key-file", directory.resolve("nowhere").toString())))
        .hasMessageStartingWith("option 'elasticsearch.api-key-file'").hasMessageContaining("no readable file");
  }
}
