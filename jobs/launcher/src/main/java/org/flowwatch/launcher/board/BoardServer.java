package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowwatch.schema.delivery.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's web server (the JDK's HTTP server): the page and its assets, the dashboards' definitions, the guarded
 * search path and the alert feed. Nothing else is served; every other method or path gets a JSON error naming what
 * the board does serve.
 */
public final class BoardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BoardServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ASSETS = "/flowwatch/dashboards/board/";
  private static final Pattern ASSET = Pattern.compile("/assets/((?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.(js|css))");
  private static final Pattern DASHBOARD = Pattern.compile("/api/dashboards/([A-Za-z0-9_-]+)");
  private static final Pattern PAGE = Pattern.compile("/dashboards/([A-Za-z0-9_-]+)");
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
  /** The largest search a browser may post: a panel's request with its context is a few kilobytes. */
  private static final int MAX_SEARCH_BYTES = 64 * 1024;
  private static final String SERVED = "the board serves GET /, /dashboards/<id>, /assets/..., /api/dashboards[/<id>], "
      + "/feeds/alerts.atom[?lang=en], /feeds/alerts/<message>.cap and POST /api/search";

  private final HttpServer server;
  private final ExecutorService threads;
  private final BoardDashboards dashboards;
  private final SearchGuard guard;
  private final BoardSearch search;
  private final AlertFeed feed;

  private BoardServer(HttpServer server, BoardDashboards dashboards, SearchGuard guard, BoardSearch search,
      AlertFeed feed) {
    this.server = server;
    this.dashboards = dashboards;
    this.guard = guard;
    this.search = search;
    this.feed = feed;
    this.threads = Executors.newFixedThreadPool(8, runnable -> {
      Thread thread = new Thread(runnable, "flowwatch-board");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** Starts the board on {@code address} (port 0 picks a free one), its alert feed linking its bound address. */
  public static BoardServer start(InetSocketAddress address, BoardDashboards dashboards, SearchGuard guard,
      BoardSearch search, java.util.function.Function<URI, AlertFeed> feedAt) throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(address, 0);
    } catch (java.net.BindException e) {
      throw new IOException("the board cannot listen on " + address + " (" + e.getMessage() + "): choose another "
          + "port with --port (or --board-port in the demo)", e);
    }
    BoardServer board = new BoardServer(http, dashboards, guard, search, feedAt.apply(addressOf(http)));
    board.server.start();
    return board;
  }

  public URI address() {
    return addressOf(server);
  }

  private static URI addressOf(HttpServer server) {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        route(exchange, method, path);
      } catch (BoardRefusal refusal) {
        sendError(exchange, refusal.status(), refusal.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("board: {} {} failed", method, path, e);
        sendError(exchange, 502, "the board could not answer: " + e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    if (path.equals("/api/search")) {
      if (!method.equals("POST")) {
        throw new BoardRefusal(405, "searches are POST /api/search with {\"request\": ..., \"context\": ...}");
      }
      SearchGuard.Search checked = guard.check(readJson(exchange));
      send(exchange, 200, "application/json", JSON.writeValueAsBytes(search.search(checked.indices(),
          checked.body())));
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new BoardRefusal(405, method + " " + path + " is not served: the board is read-only; " + SERVED);
    }
    Matcher asset = ASSET.matcher(path);
    Matcher dashboard = DASHBOARD.matcher(path);
    if (path.equals("/")) {
      exchange.getResponseHeaders().set("Location", "/dashboards/flowwatch-situation-room");
      send(exchange, 302, "text/plain; charset=utf-8", new byte[0]);
    } else if (PAGE.matcher(path).matches()) {
      send(exchange, 200, "text/html; charset=utf-8", resource("index.html"));
    } else if (asset.matches()) {
      send(exchange, 200, CONTENT_TYPES.get(asset.group(2)), resource(asset.group(1)));
    } else if (path.equals("/api/dashboards")) {
      send(exchange, 200, "application/json", JSON.writeValueAsBytes(dashboards.list()));
    } else if (dashboard.matches()) {
      send(exchange, 200, "application/json", JSON.writeValueAsBytes(dashboards.describe(dashboard.group(1))));
    } else if (path.equals("/" + AlertFeed.FEED_PATH)) {
      String query = exchange.getRequestURI().getQuery();
      Language language = query != null && query.contains("lang=en") ? Language.EN : Language.FR;
      sendFeed(exchange, feed.atom(address(), language));
    } else if (path.startsWith("/" + AlertFeed.MESSAGE_PATH) && path.endsWith(AlertFeed.MESSAGE_SUFFIX)) {
      String name = path.substring(AlertFeed.MESSAGE_PATH.length() + 1, path.length()
          - AlertFeed.MESSAGE_SUFFIX.length());
      sendFeed(exchange, feed.capMessage(name).orElseThrow(() -> new BoardRefusal(404, "no open alert has the "
          + "message " + name + ": it was resolved or revised since (see " + AlertFeed.FEED_PATH + ")")));
    } else {
      throw new BoardRefusal(404, "nothing at " + path + ": " + SERVED);
    }
  }

  private static void sendFeed(HttpExchange exchange, AlertFeed.Served served) throws IOException {
    send(exchange, 200, served.contentType(), served.body());
  }

  private static JsonNode readJson(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_SEARCH_BYTES + 1);
    }
    if (body.length > MAX_SEARCH_BYTES) {
      throw new BoardRefusal(413, "a search may be at most " + MAX_SEARCH_BYTES + " bytes");
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new BoardRefusal(400, "the search is not JSON: " + e.getMessage());
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BoardServer.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new BoardRefusal(404, "no asset " + name);
      }
      return in.readAllBytes();
    }
  }

  private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("error", message)));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // Vega compiles its expressions with Function(), hence 'unsafe-eval'; nothing is loaded from elsewhere.
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self' "
        + "'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
