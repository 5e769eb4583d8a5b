package org.flowwatch.launcher;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flowwatch.jobs.alertdelivery.AlertDeliveryOptions;
import org.flowwatch.launcher.board.Board;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./flowwatch board}: the dashboards in a browser, without Kibana, until interrupted. */
@Command(name = "board", mixinStandardHelpOptions = true,
    description = {"Serve the situation room, alerts and data-quality dashboards as a web page (rendered from the "
        + "same sources as the Kibana dashboards) and the open alerts as a CAP 1.2 Atom feed, reading Elasticsearch "
        + "through a read-only, size- and time-limited search path. Runs until interrupted (Ctrl-C)."})
final class BoardCommand implements Callable<Integer> {
  @Mixin
  ServerOptions.Elasticsearch elasticsearch;

  @Option(names = "--port", defaultValue = "8088", description = "Port of the page (default: ${DEFAULT-VALUE}; 0 picks "
      + "a free one).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
      + "${DEFAULT-VALUE}, this machine only). Anything else exposes the dashboards to the network: put TLS and "
      + "authentication in front (docs/dashboards.md).")
  String bind;

  @Option(names = "--index-qualifier", paramLabel = "NAME", description = "Only one deployment's indices "
      + "(flowwatch-<kind>-NAME*), e.g. demo; default: every flowwatch index.")
  String qualifier;

  @Option(names = "--cap-sender", paramLabel = "SENDER", description = "Sender of the feed's CAP messages (CAP "
      + "<sender>: no spaces, commas, '<' or '&'; default: the alert delivery job's cap.sender default).")
  String capSender;

  @Option(names = "--public-url", paramLabel = "URL", description = "Where readers reach the board, e.g. behind a "
      + "reverse proxy (https://board.example.org/): the feed links there, and requests for other host names are "
      + "refused. Default: the address it listens on.")
  URI publicUrl;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      System.err.println("flowwatch board: --port must be 0..65535, not " + port);
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Board board = Board.start(elasticsearch.connection(), new InetSocketAddress(bind, port), publicUrl,
        qualifier, capSender != null ? capSender : AlertDeliveryOptions.CAP_SENDER.defaultValue())) {
      System.out.println("flowwatch board: " + board.address() + " (dashboards of " + elasticsearch.url
          + "; Ctrl-C stops it)");
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
