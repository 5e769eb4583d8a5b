package org.flowwatch.testing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook receiver of infra/webhook-receiver/receiver.sh, started for one test class on a free loopback port with a
 * state directory of its own, and stopped (its directory removed) by {@link #close()}. It verifies Standard Webhooks
 * signatures with Python's hmac, independently of the Java code under test.
 *
 * <p>Secrets are per URL path: {@link #secrets(String, List)} rewrites the receiver's secrets file, which it reads again
 * on its next request. A path without secrets verifies nothing (every request is answered 401).
 */
public final class RealWebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PORT_VARIABLE = "WEBHOOK_RECEIVER_PORT";

  private final InfraServer server;
  private final int port;
  private final Path secretsFile;
  private final Map<String, List<String>> secretsByPath = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RealWebhookReceiver(InfraServer server, int port) {
    this.server = server;
    this.port = port;
    this.secretsFile = server.stateDirectory().resolve("webhook-receiver/" + port + "/secrets.json");
  }

  public static RealWebhookReceiver start() {
    int port = LoopbackPorts.free();
    return new RealWebhookReceiver(
        InfraServer.start("webhook-receiver", "infra/webhook-receiver/receiver.sh", PORT_VARIABLE, port), port);
  }

  /** A new Standard Webhooks secret: whsec_ and the base64 of 32 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** The receiver's directory: its secrets.json and the requests it stored (received/). */
  public Path home() {
    return secretsFile.getParent();
  }

  public int port() {
    return port;
  }

  /** The URL of {@code path} on the receiver, e.g. url("/hooks/a"). */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** The whsec_ secrets requests to {@code path} are verified with, replacing earlier ones. */
  public synchronized void secrets(String path, List<String> secrets) {
    secretsByPath.put(path, List.copyOf(secrets));
    try {
      // Written aside and renamed, so the receiver never reads half a file.
      Path writing = secretsFile.resolveSibling("secrets.json.writing");
      JSON.writeValue(writing.toFile(), secretsByPath);
      Files.move(writing, secretsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the receiver's secrets file " + secretsFile, e);
    }
  }

  /** The next verified requests to {@code path} are answered with {@code statuses} in order, then 204. */
  public void behaviour(String path, List<Integer> statuses, String retryAfter) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("path", path);
    spec.put("statuses", statuses);
    spec.put("retry_after", retryAfter);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url("/_control/behaviour")))
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(spec))).build();
      expectOk(call(request), "set the behaviour of " + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests received on {@code path}, oldest first. */
  public List<Received> received(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url("/_received?path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8)))).GET().build();
    HttpResponse<String> response = call(request);
    expectOk(response, "list the requests received on " + path);
    try {
      return JSON.readValue(response.body(), new TypeReference<List<Received>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("the receiver's list of requests is not the JSON expected", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private HttpResponse<String> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("the webhook receiver on port " + port + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the webhook receiver", e);
    }
  }

  private static void expectOk(HttpResponse<String> response, String what) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("could not " + what + ": the receiver answered " + response.statusCode());
    }
  }

  /**
   * One request as the receiver stored it.
   *
   * @param verified the receiver's own verdict on the signature and timestamp
   * @param status what the receiver answered
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Received(
      @JsonProperty("path") String path,
      @JsonProperty("webhook_id") String webhookId,
      @JsonProperty("webhook_timestamp") String webhookTimestamp,
      @JsonProperty("content_type") String contentType,
      @JsonProperty("user_agent") String userAgent,
      @JsonProperty("verified") boolean verified,
      @JsonProperty("why_not_verified") String whyNotVerified,
      @JsonProperty("status") int status,
      @JsonProperty("body") String body,
      @JsonProperty("received_at") String receivedAt) {}
}
