package org.flowwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate for 127.0.0.1 and localhost, generated for one test run with the
 * JDK's keytool (and openssl for the PEM key a non-Java server needs), in a directory of its own. Passwords are passed
 * to the tools in files, never on their command lines.
 *
 * @param caCertificate PEM of the CA: what clients trust
 * @param truststore PKCS12 trust store holding the CA, protected by {@code storePasswordFile}
 * @param serverKeystore PKCS12 key store with the server's key and certificate chain (for Java servers: Kafka)
 * @param serverCertificate PEM of the server's certificate and {@code serverKey} its PEM key (for nginx)
 */
public record TestCertificates(Path directory, Path storePasswordFile, Path caCertificate, Path truststore,
    Path serverKeystore, Path serverCertificate, Path serverKey) {

  /** Generates everything into {@code directory} (which exists). */
  public static TestCertificates generate(Path directory) {
    Path password = TestSecrets.write(directory, "store-password", "store-" + UUID.randomUUID());
    String passwordOption = "-storepass:file";
    Path ca = directory.resolve("ca.p12");
    Path server = directory.resolve("server.p12");
    Path caPem = directory.resolve("ca.pem");
    Path request = directory.resolve("server.csr");
    Path signed = directory.resolve("server-signed.pem");
    Path truststore = directory.resolve("truststore.p12");
    String pw = password.toString();
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", "CN=flowwatch test CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12",
        passwordOption, pw);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), passwordOption, pw,
        "-file", caPem.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", "CN=localhost", "-keystore", server.toString(), "-storetype", "PKCS12", passwordOption, pw);
    keytool("-certreq", "-alias", "server", "-keystore", server.toString(), passwordOption, pw,
        "-file", request.toString());
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), passwordOption, pw,
        "-infile", request.toString(), "-outfile", signed.toString(), "-validity", "7",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
    // The chain reply is accepted once the CA is trusted in the same store.
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(),
        passwordOption, pw);
    keytool("-importcert", "-alias", "server", "-file", signed.toString(), "-keystore", server.toString(),
        passwordOption, pw);
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore",
        truststore.toString(), "-storetype", "PKCS12", passwordOption, pw);
    Path key = directory.resolve("server-key.pem");
    run(List.of("openssl", "pkcs12", "-in", server.toString(), "-passin", "file:" + pw, "-nocerts", "-nodes",
        "-out", key.toString()));
    return new TestCertificates(directory, password, caPem, truststore, server, signed, key);
  }

  /** The password of every store here (one for all: they protect nothing but a test). */
  public String storePassword() {
    try {
      return Files.readString(storePasswordFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    run(command);
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
