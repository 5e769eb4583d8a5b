package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.function.Function;
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
  /** Searches at once: a dashboard asks for about a dozen; more wait briefly, then get 429, never queue unbounded. */
  private static final int CONCURRENT_SEARCHES = 4;
  private static final long SEARCH_SLOT_WAIT_SECONDS = 30;
  private static final String SERVED = "the board serves GET /, /dashboards/<id>, /assets/..., /api/dashboards[/<id>], "
      + "/feeds/alerts.atom[?lang=en], /feeds/alerts/<message>.cap and POST /api/search";

  private final HttpServer server;
  private final ExecutorService threads;
  private final BoardDashboards dashboards;
  private final SearchGuard guard;
  private final BoardSearch search;
  private final AlertFeed feed;
  private final URI publicUrl;
  private final Set<String> hosts;
  private final Semaphore searches = new Semaphore(CONCURRENT_SEARCHES);

  private BoardServer(HttpServer server, URI publicUrl, BoardDashboards dashboards, SearchGuard guard,
      BoardSearch search, AlertFeed feed) {
    this.server = server;
    this.publicUrl = publicUrl;
    int port = server.getAddress().getPort();
    this.hosts = new HashSet<>(List.of(publicUrl.getAuthority().toLowerCase(Locale.ROOT), "127.0.0.1:" + port,
        "localhost:" + port, "[::1]:" + port));
    this.dashboards = dashboards;
    this.guard = guard;
    this.search = search;
    this.feed = feed;
    AtomicInteger threadNumber = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(8, runnable -> {
      Thread thread = new Thread(runnable, "flowwatch-board-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /**
   * Starts the board on {@code address} (port 0 picks a free one).
   *
   * @param publicUrl where readers reach the board (a reverse proxy's address), or null for the bound address: the
   *     feed's links use it, and requests naming any other host are refused (no DNS rebinding onto the board)
   * @param feedAt the alert feed for the board's public address
   */
  public static BoardServer start(InetSocketAddress address, URI publicUrl, BoardDashboards dashboards,
      SearchGuard guard, BoardSearch search, Function<URI, AlertFeed> feedAt) throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(address, 0);
    } catch (BindException e) {
      throw new IOException("the board cannot listen on " + address + " (" + e.getMessage() + "): choose another "
          + "port with --port (or --board-port in the demo)", e);
    }
    URI base = publicUrl != null ? publicUrl : addressOf(http);
    BoardServer board = new BoardServer(http, base, dashboards, guard, search, feedAt.apply(base));
    board.server.start();
    return board;
  }

  /** Where readers reach the board: --public-url, or the bound address. */
  public URI address() {
    return publicUrl;
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
      } catch (IOException e) {
        LOG.warn("board: {} {} failed", method, path, e);
        sendError(exchange, 502, "the board could not reach Elasticsearch; its log says why");
      } catch (RuntimeException e) {
        LOG.error("board: {} {} failed", method, path, e);
        sendError(exchange, 500, "the board failed to answer; its log says why");
      }
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new BoardRefusal(421, "the board answers for " + publicUrl.getAuthority() + ", not for host " + host
          + " (give the address readers use with --public-url)");
    }
    if (path.equals("/api/search")) {
      if (!method.equals("POST")) {
        throw new BoardRefusal(405, "searches are POST /api/search with {\"request\": ..., \"context\": ...}");
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new BoardRefusal(415, "a search is sent as Content-Type: application/json");
      }
      SearchGuard.Search checked = guard.check(readJson(exchange));
      send(exchange, 200, "application/json", JSON.writeValueAsBytes(searchWithinLimit(checked)));
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
      Language language = query != null && Arrays.asList(query.split("&")).contains("lang=en")
          ? Language.EN : Language.FR;
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

  private JsonNode searchWithinLimit(SearchGuard.Search checked) throws IOException {
    try {
      if (!searches.tryAcquire(SEARCH_SLOT_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new BoardRefusal(429, "the board is running " + CONCURRENT_SEARCHES + " searches already: try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BoardRefusal(503, "the board is stopping");
    }
    try {
      return search.search(checked.indices(), checked.body());
    } finally {
      searches.release();
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
