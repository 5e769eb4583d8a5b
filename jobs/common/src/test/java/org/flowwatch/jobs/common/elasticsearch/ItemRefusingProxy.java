package org.flowwatch.jobs.common.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP proxy in front of the real Elasticsearch that refuses, the first time it sees them, the bulk operations
 * of chosen document ids, alternately as 429 (overloaded) and 503 (unavailable): it takes them out of the bulk it
 * forwards and answers for them with the item errors Elasticsearch gives in those cases, merged in order with what
 * Elasticsearch answered for the rest. Everything else passes through unchanged.
 */
final class ItemRefusingProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FORWARDED_HEADERS = {"Content-Type", "Accept"};
  private static final String[] RETURNED_HEADERS = {"Content-Type", "X-elastic-product"};

  private final URI target;
  private final Set<String> refuseOnce;
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusals = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpServer server;

  ItemRefusingProxy(String targetUrl, Set<String> refuseOnce) throws IOException {
    this.target = URI.create(targetUrl);
    this.refuseOnce = refuseOnce;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many bulk items the proxy refused. */
  int refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().endsWith("/_bulk")) {
        handleBulk(exchange, new Bulk(body, this::refuseNow));
      } else {
        HttpResponse<byte[]> response = forward(exchange, body);
        reply(exchange, response.statusCode(), response.headers(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private void handleBulk(HttpExchange exchange, Bulk bulk) throws IOException, InterruptedException {
    refusals.addAndGet(bulk.refused.size());
    if (bulk.forwardedOperations == 0) {
      // Nothing left for Elasticsearch: answer the whole bulk here, as Elasticsearch would.
      exchange.getResponseHeaders().set("X-elastic-product", "Elasticsearch");
      reply(exchange, 200, null, bulk.merge(JSON.createArrayNode()));
      return;
    }
    HttpResponse<byte[]> response = forward(exchange, bulk.forwarded.toString().getBytes(StandardCharsets.UTF_8));
    byte[] answer = bulk.refused.isEmpty() || response.statusCode() != 200 ? response.body()
        : bulk.merge((ArrayNode) JSON.readTree(response.body()).get("items"));
    reply(exchange, response.statusCode(), response.headers(), answer);
  }

  private static void reply(HttpExchange exchange, int status, HttpHeaders headers, byte[] body) throws IOException {
    if (headers != null) {
      for (String header : RETURNED_HEADERS) {
        headers.firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
      }
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private boolean refuseNow(String id) {
    return refuseOnce.contains(id) && refused.add(id);
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    URI requested = exchange.getRequestURI();
    URI uri = target.resolve(requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(),
        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : FORWARDED_HEADERS) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A bulk body split into the operations forwarded and those the proxy refuses, by position. */
  private static final class Bulk {
    private final StringBuilder forwarded = new StringBuilder();
    private final Map<Integer, JsonNode> refused = new TreeMap<>();
    private int operations;
    private int forwardedOperations;

    Bulk(byte[] body, Predicate<String> refuse) throws IOException {
      List<String> lines = new String(body, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
      for (int i = 0; i < lines.size(); i++) {
        JsonNode action = JSON.readTree(lines.get(i));
        String type = action.fieldNames().next();
        boolean hasSource = !type.equals("delete");
        if (refuse.test(action.get(type).path("_id").asText())) {
          refused.put(operations, action);
        } else {
          forwarded.append(lines.get(i)).append('\n');
          if (hasSource) {
            forwarded.append(lines.get(i + 1)).append('\n');
          }
          forwardedOperations++;
        }
        i += hasSource ? 1 : 0;
        operations++;
      }
    }

    /** Elasticsearch's items for the forwarded operations, with the refusals put back in their places. */
    byte[] merge(ArrayNode answered) throws IOException {
      ObjectNode response = JSON.createObjectNode().put("took", 0).put("errors", true);
      ArrayNode items = response.putArray("items");
      int next = 0;
      for (int position = 0; position < operations; position++) {
        JsonNode action = refused.get(position);
        items.add(action == null ? answered.get(next++) : refusal(action, position));
      }
      return JSON.writeValueAsBytes(response);
    }

    private static JsonNode refusal(JsonNode action, int position) {
      String type = action.fieldNames().next();
      boolean overloaded = position % 2 == 0;
      ObjectNode item = JSON.createObjectNode();
      ObjectNode result = item.putObject(type)
          .put("_index", action.get(type).path("_index").asText())
          .put("_id", action.get(type).path("_id").asText())
          .put("status", overloaded ? 429 : 503);
      result.putObject("error")
          .put("type", overloaded ? "es_rejected_execution_exception" : "unavailable_shards_exception")
          .put("reason", overloaded ? "rejected execution of bulk shard request (test proxy)"
              : "primary shard is not active (test proxy)");
      return item;
    }
  }
}
