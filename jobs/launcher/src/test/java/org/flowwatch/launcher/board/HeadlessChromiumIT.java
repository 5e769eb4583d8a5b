package org.flowwatch.launcher.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

@ExtendWith(ChromiumBrowser.class)
class HeadlessChromiumIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String CONSOLE_ERROR = "board test: console.error on purpose";
  private static final String UNCAUGHT = "board test: uncaught on purpose";
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Draws three bars as SVG, as a Vega-Lite chart does, and fails on purpose when the button is clicked. */
  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>board test page</title><link rel="icon" href="data:,"></head>
      <body style="margin:0">
        <h1>flowwatch board</h1>
        <svg id="chart" width="300" height="200"></svg>
        <button id="fail">fail</button>
        <p id="status">drawing</p>
        <div style="height:3000px;background:linear-gradient(#fff,#1f77b4)">a long page</div>
        <script>
          const chart = document.getElementById('chart');
          [120, 60, 180].forEach((height, i) => {
            const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
            bar.setAttribute('class', 'bar');
            bar.setAttribute('x', 20 + i * 90); bar.setAttribute('y', 200 - height);
            bar.setAttribute('width', 60); bar.setAttribute('height', height); bar.setAttribute('fill', '#1f77b4');
            chart.appendChild(bar);
          });
          document.getElementById('status').textContent = 'drawn';
          document.getElementById('fail').addEventListener('click', () => {
            console.error('%s');
            throw new Error('%s');
          });
        </script>
      </body></html>
      """.formatted(CONSOLE_ERROR, UNCAUGHT);

  private final List<ProcessHandle> before = ProcessHandle.current().descendants().toList();

  @Test
  void readsWhatThePageDrew(HeadlessChromium chromium) {
    try (TestPage page = TestPage.serve()) {
      WebDriver driver = chromium.driver();
      driver.get(page.url());
      waitUntil(driver, d -> d.findElement(By.id("status")).getText().equals("drawn"));

      assertThat(driver.getTitle()).isEqualTo("board test page");
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("flowwatch board");
      assertThat(driver.findElements(By.cssSelector("#chart rect.bar"))).hasSize(3);
    }
  }

  @Test
  void collectsConsoleErrorsAndUncaughtExceptions(HeadlessChromium chromium) {
    try (TestPage page = TestPage.serve()) {
      WebDriver driver = chromium.driver();
      driver.get(page.url());
      waitUntil(driver, d -> d.findElement(By.id("status")).getText().equals("drawn"));

      driver.findElement(By.id("fail")).click();

      waitUntil(driver, d -> mentions(chromium.consoleErrors(), CONSOLE_ERROR)
          && mentions(chromium.consoleErrors(), "Uncaught Error: " + UNCAUGHT));
    }
  }

  @Test
  void writesScreenshotsAsPng(HeadlessChromium chromium, @TempDir Path directory) throws IOException {
    try (TestPage page = TestPage.serve()) {
      WebDriver driver = chromium.driver();
      driver.get(page.url());
      waitUntil(driver, d -> d.findElement(By.id("status")).getText().equals("drawn"));

      Path viewport = directory.resolve("shots/viewport.png");
      chromium.screenshot(viewport);
      Path fullPage = directory.resolve("shots/full-page.png");
      chromium.fullPageScreenshot(fullPage);

      BufferedImage viewportImage = readPng(viewport);
      assertThat(viewportImage.getWidth()).isEqualTo(HeadlessChromium.DEFAULT_WIDTH);
      BufferedImage fullPageImage = readPng(fullPage);
      // The page is over 3000 px high: the full page goes beyond the viewport.
      assertThat(fullPageImage.getHeight()).isGreaterThan(3000).isGreaterThan(viewportImage.getHeight());
    }
  }

  @Test
  void closeStopsItsProcessesAndRemovesItsProfileAndNeverRunsSeleniumManager() {
    Assumptions.assumeTrue(HeadlessChromium.check(true).available());
    SeleniumLog seleniumLog = SeleniumLog.capture();
    List<ProcessHandle> started;
    Path profile;
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1200)) {
      started = newDescendants();
      profile = started.stream().flatMap(process -> Arrays.stream(process.info().arguments().orElse(new String[0])))
          .filter(argument -> argument.startsWith("--user-data-dir=")).findFirst()
          .map(argument -> Path.of(argument.substring("--user-data-dir=".length()))).orElseThrow();
      assertThat(profile).isDirectory();
      assertThat(started).extracting(process -> process.info().command().orElse(""))
          .anyMatch(command -> command.endsWith("chromedriver"))
          .anyMatch(command -> command.contains("chromium"));
    } finally {
      seleniumLog.stop();
    }

    waitUntilDead(started);
    assertThat(profile).doesNotExist();
    assertThat(seleniumLog.messages()).anyMatch(message -> message.startsWith("Skipping Selenium Manager"))
        .noneMatch(message -> message.startsWith("Executing Process"));
  }

  /** This JVM's processes started since the test began: the extension's browser is older. */
  private List<ProcessHandle> newDescendants() {
    return ProcessHandle.current().descendants().filter(process -> !before.contains(process)).toList();
  }

  private static void waitUntilDead(List<ProcessHandle> processes) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        throw new AssertionError("process " + process.pid() + " " + process.info().command().orElse("")
            + " still runs after close()", e);
      }
    }
  }

  private static void waitUntil(WebDriver driver, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, DEADLINE).until(condition::apply);
  }

  private static boolean mentions(List<String> errors, String text) {
    return errors.stream().anyMatch(error -> error.contains(text));
  }

  private static BufferedImage readPng(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertThat(Arrays.copyOf(bytes, PNG_MAGIC.length)).isEqualTo(PNG_MAGIC);
    assertThat(bytes.length).isGreaterThan(2_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    return image;
  }

  /** {@link #PAGE} served on a free loopback port. */
  private record TestPage(HttpServer server) implements AutoCloseable {
    static TestPage serve() {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
          byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
        server.start();
        return new TestPage(server);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serve the test page", e);
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** What Selenium's driver lookup logs (at FINE): whether it ran Selenium Manager. */
  private static final class SeleniumLog extends Handler {
    private static final List<String> LOGGERS = List.of("org.openqa.selenium.remote.service.DriverFinder",
        "org.openqa.selenium.manager.SeleniumManager");
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    static SeleniumLog capture() {
      SeleniumLog log = new SeleniumLog();
      for (String name : LOGGERS) {
        Logger logger = Logger.getLogger(name);
        log.loggers.add(logger);
        log.levels.add(logger.getLevel());
        logger.setLevel(Level.FINE);
        logger.addHandler(log);
      }
      return log;
    }

    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    void stop() {
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).removeHandler(this);
        loggers.get(i).setLevel(levels.get(i));
      }
    }

    @Override
    public synchronized void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
