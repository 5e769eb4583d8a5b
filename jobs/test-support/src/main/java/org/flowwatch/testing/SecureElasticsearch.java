package org.flowwatch.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that puts the run's real Elasticsearch ({@link RealElasticsearch}) behind TLS and authentication,
 * as a secured cluster looks to its clients: Debian's nginx (infra/nginx/nginx.sh, installed on first use) on a free
 * loopback port, with a certificate of a CA generated for this run, accepting basic authentication of
 * {@value #USER} and one API key, and answering 401 to anything else. Started once per test run, stopped (by its
 * pid, through the script) when the run ends. Tests are skipped, saying why, only when nginx cannot be installed.
 */
public final class SecureElasticsearch implements BeforeAllCallback {
  public static final String USER = "flowwatch";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecureElasticsearch.class);

  private static volatile Front front;

  /** The running front: its URL, its CA, and the password and API key files it accepts. */
  public record Front(int port, TestCertificates certificates, Path passwordFile, Path apiKeyFile) {
    public String url() {
      return "https://127.0.0.1:" + port;
    }
  }

  public static Front front() {
    return front;
  }

  @Override
  @SuppressWarnings("unchecked") // only start() puts a value under this key
  public void beforeAll(ExtensionContext context) throws Exception {
    new RealElasticsearch().beforeAll(context);
    Assumptions.assumeTrue(InfraServer.prepare("infra/nginx/install.sh", 900) == 0,
        "nginx is not installed and infra/nginx/install.sh could not install it (see its output above): the tests "
            + "of TLS and authentication towards Elasticsearch need it");
    front = ((ServerWithSecrets<Front>) context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("secure-elasticsearch", key -> start())).description();
  }

  private static ServerWithSecrets<Front> start() {
    Path secrets = StateDirectory.create("elasticsearch-secrets");
    TestCertificates certificates = TestCertificates.generate(secrets);
    Path password = TestSecrets.write(secrets, "password", "es-" + UUID.randomUUID());
    // Elasticsearch's "encoded" API key form: base64 of id:key.
    String apiKey = Base64.getEncoder().encodeToString(("test-key-id:" + UUID.randomUUID())
        .getBytes(StandardCharsets.UTF_8));
    Path apiKeyFile = TestSecrets.write(secrets, "api-key", apiKey);
    int port = LoopbackPorts.free();
    InfraServer server;
    try {
      server = InfraServer.start("nginx", "infra/nginx/nginx.sh", Map.of(
          "NGINX_PORT", String.valueOf(port),
          "NGINX_UPSTREAM_PORT", String.valueOf(RealElasticsearch.port()),
          "NGINX_CERTIFICATE", certificates.serverCertificate().toString(),
          "NGINX_CERTIFICATE_KEY", certificates.serverKey().toString(),
          "NGINX_USERNAME", USER,
          "NGINX_PASSWORD_FILE", password.toString(),
          "NGINX_API_KEY_FILE", apiKeyFile.toString()));
    } catch (RuntimeException e) {
      StateDirectory.delete(secrets);
      throw e;
    }
    return new ServerWithSecrets<>(server, new Front(port, certificates, password, apiKeyFile), secrets);
  }
}
