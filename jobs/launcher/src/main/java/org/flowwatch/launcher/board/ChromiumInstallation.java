package org.flowwatch.launcher.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where Debian's Chromium and its ChromeDriver are, and installing them with apt-get when they are missing: only as
 * root (apt-get needs it) and only when not turned off with {@value #INSTALL_VARIABLE}=false or
 * {@code -D}{@value #INSTALL_PROPERTY}=false.
 */
final class ChromiumInstallation {
  static final String CHROMIUM_VARIABLE = "FLOWWATCH_CHROMIUM";
  static final String CHROMEDRIVER_VARIABLE = "FLOWWATCH_CHROMEDRIVER";
  static final String INSTALL_VARIABLE = "FLOWWATCH_INSTALL_BROWSER";
  static final String INSTALL_PROPERTY = "flowwatch.browser.install";
  static final String INSTALL_HINT = "apt-get install -y --no-install-recommends chromium chromium-driver";

  private static final long APT_TIMEOUT_MINUTES = 20;

  private final Path chromium;
  private final Path chromedriver;

  ChromiumInstallation(Path chromium, Path chromedriver) {
    this.chromium = chromium;
    this.chromedriver = chromedriver;
  }

  /** Debian's paths, or those of FLOWWATCH_CHROMIUM and FLOWWATCH_CHROMEDRIVER when set. */
  static ChromiumInstallation fromEnvironment() {
    return new ChromiumInstallation(pathOf(CHROMIUM_VARIABLE, "/usr/bin/chromium"),
        pathOf(CHROMEDRIVER_VARIABLE, "/usr/bin/chromedriver"));
  }

  Path chromium() {
    return chromium;
  }

  Path chromedriver() {
    return chromedriver;
  }

  /** What is not an executable file, e.g. "chromium not found at /usr/bin/chromium"; empty when nothing is missing. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(chromium)) {
      missing.add("chromium not found at " + chromium);
    }
    if (!Files.isExecutable(chromedriver)) {
      missing.add("chromedriver not found at " + chromedriver);
    }
    return missing;
  }

  /** Why apt-get may not be run here, or empty when it may. */
  static String whyNotInstallable() {
    if ("false".equalsIgnoreCase(System.getenv(INSTALL_VARIABLE))
        || "false".equalsIgnoreCase(System.getProperty(INSTALL_PROPERTY))) {
      return "installing it is turned off (" + INSTALL_VARIABLE + "=false or -D" + INSTALL_PROPERTY + "=false)";
    }
    if (!runsAsRoot()) {
      return "not running as root, so it cannot be installed";
    }
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return "there is no apt-get to install it with";
    }
    return "";
  }

  /**
   * Installs both packages, first refreshing the package lists when the install fails: on a fresh Debian machine (a
   * CI image) they are often empty, and apt-get then knows no package called chromium.
   */
  void install() {
    if (apt("install", "-y", "--no-install-recommends", "chromium", "chromium-driver") != 0) {
      if (apt("update") != 0) {
        throw new ChromiumUnavailableException("apt-get update failed (see its output above), so chromium could not "
            + "be installed: " + INSTALL_HINT);
      }
      if (apt("install", "-y", "--no-install-recommends", "chromium", "chromium-driver") != 0) {
        throw new ChromiumUnavailableException("apt-get could not install chromium and chromium-driver (see its "
            + "output above)");
      }
    }
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new ChromiumUnavailableException(String.join(" and ", missing) + " although apt-get installed chromium "
          + "and chromium-driver: are " + CHROMIUM_VARIABLE + " or " + CHROMEDRIVER_VARIABLE + " set to other paths?");
    }
  }

  private static int apt(String... arguments) {
    List<String> command = new ArrayList<>(List.of("apt-get"));
    command.addAll(List.of(arguments));
    // Its progress goes to this process's output: an install takes a while and someone may be watching.
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
    try {
      Process apt = builder.start();
      if (!apt.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        apt.destroyForcibly();
        throw new ChromiumUnavailableException(String.join(" ", command) + " did not finish within "
            + APT_TIMEOUT_MINUTES + " minutes");
      }
      return apt.exitValue();
    } catch (IOException e) {
      throw new ChromiumUnavailableException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChromiumUnavailableException("interrupted while running " + String.join(" ", command), e);
    }
  }

  static boolean runsAsRoot() {
    // The effective user id, which the user name need not tell (sudo -E, containers without /etc/passwd entries).
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 && uid.equals("0");
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path pathOf(String variable, String debianDefault) {
    String configured = System.getenv(variable);
    return Path.of(configured == null || configured.isBlank() ? debianDefault : configured);
  }
}
