package org.flowwatch.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine a benchmark ran on, to record next to its figures. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
    } catch (IOException e) {
      // not Linux: keep the placeholder
    }
    Runtime runtime = Runtime.getRuntime();
    return String.format("machine: %d cores (%s), %s %s, Java %s, max heap %,d MB", runtime.availableProcessors(), cpu,
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        runtime.maxMemory() / (1024 * 1024));
  }
}
