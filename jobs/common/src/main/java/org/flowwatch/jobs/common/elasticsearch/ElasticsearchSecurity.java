package org.flowwatch.jobs.common.elasticsearch;

import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_API_KEY_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_CA_CERTIFICATE;
import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_PASSWORD_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_TRUSTSTORE;
import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE;
import static org.flowwatch.jobs.common.config.CommonOptions.ELASTICSEARCH_USERNAME;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.flink.configuration.Configuration;
import org.flowwatch.jobs.common.config.InvalidOptionException;
import org.flowwatch.jobs.common.config.JobArguments;
import org.flowwatch.jobs.common.security.KeyStores;
import org.flowwatch.jobs.common.security.SecretSources;

/**
 * How every Elasticsearch client of a job or command trusts the server and authenticates: the CA certificates to
 * trust (else the JVM's defaults) and an Authorization header (basic or API key), built once from the options.
 *
 * <p>Certificates are read where the job starts and travel with it (they are public), so task managers need no files.
 * The credentials travel too (a sink writer on a task manager sends them); {@link #toString()} never shows them.
 * Credentials go in a header on every request rather than through a challenge: the same for both kinds, and no
 * unauthenticated first request.
 */
public final class ElasticsearchSecurity implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String PASSWORD_VARIABLE = "FLOWWATCH_ELASTICSEARCH_PASSWORD";
  public static final String API_KEY_VARIABLE = "FLOWWATCH_ELASTICSEARCH_API_KEY";

  /** DER encodings of the trusted certificates; empty: the JVM's default trust store. */
  private final List<byte[]> trustedCertificates;
  private final Credentials credentials;

  /** Basic authentication or an API key: what goes into the Authorization header, and what it is for messages. */
  private record Credentials(String kind, String authorization) implements Serializable {
    @Override
    public String toString() {
      return kind;
    }
  }

  private ElasticsearchSecurity(List<byte[]> trustedCertificates, Credentials credentials) {
    this.trustedCertificates = List.copyOf(trustedCertificates);
    this.credentials = credentials;
  }

  /** The JVM's trust store and no credentials: the default, and the demo's. */
  public static ElasticsearchSecurity none() {
    return new ElasticsearchSecurity(List.of(), null);
  }

  public static ElasticsearchSecurity from(Configuration configuration, Map<String, String> environment) {
    return new ElasticsearchSecurity(trustedCertificates(configuration), credentials(configuration, environment));
  }

  public boolean hasCredentials() {
    return credentials != null;
  }

  public boolean hasTrustedCertificates() {
    return !trustedCertificates.isEmpty();
  }

  /** The value of the Authorization header every request carries, if any. */
  public Optional<String> authorization() {
    return Optional.ofNullable(credentials).map(Credentials::authorization);
  }

  /** A TLS context that trusts exactly the configured certificates, if any were configured. */
  public Optional<SSLContext> sslContext() {
    if (trustedCertificates.isEmpty()) {
      return Optional.empty();
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < trustedCertificates.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, factory.generateCertificate(
            new java.io.ByteArrayInputStream(trustedCertificates.get(i))));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return Optional.of(context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS with the certificates read at start-up", e);
    }
  }

  /** What is configured, for messages: never a secret. */
  @Override
  public String toString() {
    return "ElasticsearchSecurity{trusted certificates: " + (trustedCertificates.isEmpty() ? "JVM default"
        : trustedCertificates.size()) + ", credentials: " + (credentials == null ? "none" : credentials) + "}";
  }

  private static List<byte[]> trustedCertificates(Configuration configuration) {
    Optional<Path> pem = SecretSources.readableFile(configuration, ELASTICSEARCH_CA_CERTIFICATE);
    Optional<Path> store = SecretSources.readableFile(configuration, ELASTICSEARCH_TRUSTSTORE);
    Optional<String> storePassword = SecretSources.read(configuration, ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE);
    if (pem.isPresent() && store.isPresent()) {
      throw new InvalidOptionException(ELASTICSEARCH_TRUSTSTORE.key(), "give either it or "
          + ELASTICSEARCH_CA_CERTIFICATE.key() + ", not both");
    }
    if (storePassword.isPresent() && store.isEmpty()) {
      throw new InvalidOptionException(ELASTICSEARCH_TRUSTSTORE.key(), "must be set with "
          + ELASTICSEARCH_TRUSTSTORE_PASSWORD_FILE.key());
    }
    List<Certificate> certificates = new ArrayList<>();
    if (pem.isPresent()) {
      try (InputStream in = Files.newInputStream(pem.get())) {
        certificates.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
      } catch (IOException | GeneralSecurityException e) {
        throw new InvalidOptionException(ELASTICSEARCH_CA_CERTIFICATE.key(), "cannot read certificates from "
            + pem.get() + ": " + e.getMessage());
      }
      if (certificates.isEmpty()) {
        throw new InvalidOptionException(ELASTICSEARCH_CA_CERTIFICATE.key(), pem.get() + " holds no certificate");
      }
    }
    if (store.isPresent()) {
      KeyStore trusted = KeyStores.open(store.get(), storePassword, ELASTICSEARCH_TRUSTSTORE.key());
      try {
        for (String alias : Collections.list(trusted.aliases())) {
          if (trusted.isCertificateEntry(alias)) {
            certificates.add(trusted.getCertificate(alias));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new InvalidOptionException(ELASTICSEARCH_TRUSTSTORE.key(), "cannot read " + store.get() + ": " + e);
      }
      if (certificates.isEmpty()) {
        throw new InvalidOptionException(ELASTICSEARCH_TRUSTSTORE.key(), store.get() + " holds no trusted certificate");
      }
    }
    List<byte[]> encoded = new ArrayList<>();
    for (Certificate certificate : certificates) {
      try {
        encoded.add(certificate.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot encode a certificate that was just read", e);
      }
    }
    return encoded;
  }

  private static Credentials credentials(Configuration configuration, Map<String, String> environment) {
    Optional<String> username = Optional.ofNullable(JobArguments.read(configuration, ELASTICSEARCH_USERNAME))
        .map(String::strip).filter(name -> !name.isEmpty());
    Optional<String> password = SecretSources.read(configuration, ELASTICSEARCH_PASSWORD_FILE, PASSWORD_VARIABLE,
        environment);
    Optional<String> apiKey = SecretSources.read(configuration, ELASTICSEARCH_API_KEY_FILE, API_KEY_VARIABLE,
        environment).map(String::strip);
    if (apiKey.isPresent() && (username.isPresent() || configuration.contains(ELASTICSEARCH_PASSWORD_FILE))) {
      throw new InvalidOptionException(ELASTICSEARCH_API_KEY_FILE.key(), "give either an API key or "
          + ELASTICSEARCH_USERNAME.key() + " and " + ELASTICSEARCH_PASSWORD_FILE.key() + ", not both");
    }
    if (apiKey.isPresent()) {
      return new Credentials("API key", "ApiKey " + apiKey.get());
    }
    if (username.isEmpty()) {
      if (configuration.contains(ELASTICSEARCH_PASSWORD_FILE)) {
        throw new InvalidOptionException(ELASTICSEARCH_USERNAME.key(), "must be set with "
            + ELASTICSEARCH_PASSWORD_FILE.key());
      }
      return null;
    }
    if (password.isEmpty()) {
      throw new InvalidOptionException(ELASTICSEARCH_PASSWORD_FILE.key(), "must be set (or the environment variable "
          + PASSWORD_VARIABLE + ") with " + ELASTICSEARCH_USERNAME.key());
    }
    String basic = Base64.getEncoder().encodeToString((username.get() + ":" + password.get())
        .getBytes(StandardCharsets.UTF_8));
    return new Credentials("user '" + username.get() + "'", "Basic " + basic);
  }
}
