package org.flowwatch.launcher.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver: for the board's browser tests and the screenshots of
 * the docs. Each instance has a new, empty profile in a temporary directory; {@link #close()} stops the browser and
 * the driver and removes the profile.
 *
 * <p>Selenium Manager (which downloads drivers and browsers) never runs: the driver service gets the chromedriver's
 * path and the options the browser's, and with both Selenium does not look for them.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final int DEFAULT_WIDTH = 1280;
  public static final int DEFAULT_HEIGHT = 1024;

  /**
   * Quiet: ChromeDriver's start warns that no DevTools module of Selenium matches this Chromium's version. Nothing here
   * needs one: {@link #fullPageScreenshot} sends its DevTools commands through ChromeDriver, which speaks every
   * version. Held here because java.util.logging keeps only weak references to its loggers.
   */
  private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> consoleErrors = new ArrayList<>();

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Whether a browser can be started here.
   *
   * @param reason when available, whether it is installed or will be; otherwise what is missing and how to install it
   */
  public record Availability(boolean available, String reason) {}

  /**
   * Whether {@link #start} can work: both programs are there, or they are missing and {@code mayInstall}, and this
   * process may install them (root, installing not turned off).
   */
  public static Availability check(boolean mayInstall) {
    ChromiumInstallation installation = ChromiumInstallation.fromEnvironment();
    List<String> missing = installation.missing();
    if (missing.isEmpty()) {
      return new Availability(true, "installed: " + installation.chromium() + " and " + installation.chromedriver());
    }
    String why = mayInstall ? ChromiumInstallation.whyNotInstallable() : "installing it was not asked for";
    if (why.isEmpty()) {
      return new Availability(true, String.join(" and ", missing) + ": will be installed with apt-get");
    }
    return new Availability(false, String.join(" and ", missing) + " and " + why + ": "
        + ChromiumInstallation.INSTALL_HINT);
  }

  /** {@link #start(int, int)} with a window of {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT}. */
  public static HeadlessChromium start() {
    return start(DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  /**
   * Starts ChromeDriver on a free loopback port and a headless Chromium with a window (and so a viewport and
   * screenshots) of {@code width}x{@code height} CSS pixels, installing both first when they are missing and this
   * process may install them.
   *
   * @throws ChromiumUnavailableException when they are missing and cannot be installed
   */
  public static HeadlessChromium start(int width, int height) {
    ChromiumInstallation installation = installed();
    Path profile = newProfile();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(installation.chromedriver().toFile())
        .usingAnyFreePort()
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options(installation.chromium(), profile, width, height));
      return new HeadlessChromium(service, driver, profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteProfile(profile);
      throw e;
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * The messages of the page's console.error calls and uncaught exceptions (browser log entries of level SEVERE),
   * since the browser started, oldest first. Chromium also logs failed resource loads (e.g. a 404) there.
   */
  public synchronized List<String> consoleErrors() {
    // ChromeDriver hands each entry out once: keep them, so every call sees all errors so far.
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleErrors.add(entry.getMessage());
      }
    }
    return List.copyOf(consoleErrors);
  }

  /** Writes what the viewport shows as a PNG file. */
  public void screenshot(Path png) {
    write(png, driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Writes the whole page, also what lies beyond the viewport, as a PNG file (DevTools' Page.captureScreenshot). */
  public void fullPageScreenshot(Path png) {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked") // the protocol's LayoutMetrics: cssContentSize is a DOM.Rect
    Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", content.get("width"), "height",
        content.get("height"), "scale", 1);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    write(png, Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** Stops the browser and ChromeDriver (quit ends the browser's processes) and removes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      // quit stops the service too; stopping it again is harmless and covers a quit that failed half way.
      service.stop();
      deleteProfile(profile);
    }
  }

  private static ChromiumInstallation installed() {
    ChromiumInstallation installation = ChromiumInstallation.fromEnvironment();
    List<String> missing = installation.missing();
    if (missing.isEmpty()) {
      return installation;
    }
    String whyNot = ChromiumInstallation.whyNotInstallable();
    if (!whyNot.isEmpty()) {
      throw new ChromiumUnavailableException(String.join(" and ", missing) + " and " + whyNot + ": "
          + ChromiumInstallation.INSTALL_HINT);
    }
    installation.install();
    return installation;
  }

  private static ChromeOptions options(Path chromium, Path profile, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--disable-gpu",
        // The machines this runs on have no internet: without these Chromium keeps trying it in the background.
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--no-first-run",
        // Containers often give /dev/shm only 64 MB, too little for Chromium's shared memory; /tmp serves as well.
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    if (ChromiumInstallation.runsAsRoot()) {
      // Chromium refuses to run as root with its sandbox.
      options.addArguments("--no-sandbox");
    }
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    return options;
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static Path newProfile() {
    try {
      return Files.createTempDirectory("flowwatch-chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary profile directory for Chromium", e);
    }
  }

  private static void deleteProfile(Path profile) {
    try (Stream<Path> paths = Files.walk(profile)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not remove Chromium's profile " + profile + " completely: " + e);
    }
  }

  private static void write(Path png, byte[] bytes) {
    try {
      Path parent = png.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(png, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the screenshot " + png, e);
    }
  }
}
