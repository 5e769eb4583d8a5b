package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a benchmark ran on, recorded next to its figures. */
public record Machine(int cores, String cpu, String os, String java, long maxHeapMegabytes, Instant date) {

  public static Machine current() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
    } catch (IOException e) {
      // not Linux: keep the placeholder
    }
    Runtime runtime = Runtime.getRuntime();
    return new Machine(runtime.availableProcessors(), cpu,
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        runtime.maxMemory() / (1024 * 1024), Instant.now());
  }

  public String describe() {
    return String.format("machine: %d cores (%s), %s, Java %s, max heap %,d MB, %s", cores, cpu, os, java,
        maxHeapMegabytes, date);
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cores", cores);
    map.put("cpu", cpu);
    map.put("os", os);
    map.put("java", java);
    map.put("maxHeapMegabytes", maxHeapMegabytes);
    map.put("date", date.toString());
    return map;
  }
}
