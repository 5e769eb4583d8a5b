package org.flowwatch.launcher.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.flowwatch.jobs.common.elasticsearch.ElasticsearchSecurity;

/** A small HTTP/JSON client for Elasticsearch and Kibana APIs whose errors name the server and what it answered. */
final class HttpJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final String server;
  private final String baseUrl;
  private final ElasticsearchSecurity security;

  /**
   * @param server what the server is, for messages: "Elasticsearch" or "Kibana"
   * @param security the certificates to trust and the Authorization header to send (Elasticsearch's, as the jobs')
   */
  HttpJson(String server, String baseUrl, ElasticsearchSecurity security) {
    this.server = server;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.security = security;
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    security.sslContext().ifPresent(client::sslContext);
    this.client = client.build();
  }

  String url() {
    return baseUrl;
  }

  /** The response, any status; only a failure to talk to the server at all throws. */
  HttpResponse<String> send(HttpRequest.Builder request, String path) throws InstallFailure {
    URI uri = URI.create(baseUrl + path);
    security.authorization().ifPresent(authorization -> request.setHeader("Authorization", authorization));
    try {
      return client.send(request.uri(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new InstallFailure("cannot reach " + server + " at " + baseUrl + ": " + describe(e));
    } catch (IOException e) {
      throw new InstallFailure(server + " at " + baseUrl + " failed on " + path + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallFailure("interrupted while talking to " + server + " at " + baseUrl);
    }
  }

  /** Sends and requires a 2xx answer; returns its JSON body. */
  JsonNode expectOk(HttpRequest.Builder request, String path, String what) throws InstallFailure {
    HttpResponse<String> response = send(request, path);
    if (response.statusCode() / 100 != 2) {
      throw new InstallFailure(server + " at " + baseUrl + " refused to " + what + " (" + response.statusCode() + "): "
          + abbreviate(response.body()));
    }
    try {
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new InstallFailure(server + " at " + baseUrl + " answered " + what + " with something that is not JSON: "
          + abbreviate(response.body()));
    }
  }

  static HttpRequest.Builder get() {
    return HttpRequest.newBuilder().GET();
  }

  static HttpRequest.Builder json(String method, String body) {
    return HttpRequest.newBuilder().header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }
}
