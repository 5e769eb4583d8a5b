package org.flowwatch.launcher.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.dashboards.kibana.KibanaSources;

/**
 * Pictures of every dashboard of a running board, drawn by headless Chromium: what the docs show. One PNG per
 * dashboard, named after it ({@code situation-room.png}), the whole page, taken once every panel is drawn.
 */
public final class BoardScreenshots {
  static final int WIDTH = 1600;
  static final int HEIGHT = 1200;
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private BoardScreenshots() {}

  /**
   * @return the files written
   * @throws IllegalStateException when a panel could not be drawn: a picture of a broken dashboard is not kept
   */
  public static List<Path> take(URI board, Path directory) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, HEIGHT)) {
      BoardPage page = new BoardPage(chromium.driver(), DEADLINE);
      for (JsonNode dashboard : KibanaSources.bundled().dashboards()) {
        String id = dashboard.get("id").asText();
        page.open(board.resolve("dashboards/" + id).toString());
        page.panelStates().forEach((panel, state) -> {
          if (!state.equals("rendered")) {
            throw new IllegalStateException("panel " + panel + " of " + id + " is " + state + ": " + page.problems());
          }
        });
        Path png = directory.resolve(id.replaceFirst("^flowwatch-", "").replaceFirst("-dashboard$", "") + ".png");
        chromium.fullPageScreenshot(png);
        written.add(png);
      }
    }
    return written;
  }
}
