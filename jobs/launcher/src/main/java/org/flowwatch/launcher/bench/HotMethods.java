package org.flowwatch.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A profile instead of a guess: runs one measurement under Java Flight Recorder (the local Flink cluster runs in this
 * JVM, so its task threads are sampled too) and ranks the methods the CPU samples were in (self time), and the code
 * they belong to. The recording is kept for {@code jfr} or JDK Mission Control.
 */
public final class HotMethods {
  private final Map<String, Long> methods;
  private final Map<String, Long> areas;
  private final long samples;

  private HotMethods(Map<String, Long> methods, Map<String, Long> areas, long samples) {
    this.methods = methods;
    this.areas = areas;
    this.samples = samples;
  }

  /** Runs {@code measured} under a "profile" recording written to {@code recordingFile}. */
  public static <T> HotMethods profile(Path recordingFile, Callable<T> measured) throws Exception {
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      measured.call();
      recording.stop();
      Files.createDirectories(recordingFile.toAbsolutePath().getParent());
      recording.dump(recordingFile);
    } catch (ParseException e) {
      throw new IllegalStateException("the JDK's 'profile' recording settings do not parse", e);
    }
    return read(recordingFile);
  }

  static HotMethods read(Path recordingFile) throws IOException {
    Map<String, Long> methods = new HashMap<>();
    Map<String, Long> areas = new HashMap<>();
    long samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recordingFile)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      String type = frames.get(0).getMethod().getType().getName();
      methods.merge(type + "." + frames.get(0).getMethod().getName(), 1L, Long::sum);
      areas.merge(area(type), 1L, Long::sum);
      samples++;
    }
    return new HotMethods(methods, areas, samples);
  }

  /** The code a class belongs to, coarse enough to read a profile at a glance. */
  static String area(String type) {
    String[][] areas = {
        {"org.flowwatch.", "flowwatch"}, {"org.apache.avro.", "avro"}, {"org.apache.kafka.", "kafka client"},
        {"org.apache.flink.core.memory.", "flink serialization"}, {"org.apache.flink.api.common.typeutils.", "flink serialization"},
        {"org.apache.flink.api.java.typeutils.", "flink serialization"}, {"org.apache.flink.runtime.state.", "flink state"},
        {"org.apache.flink.runtime.io.", "flink network"}, {"org.apache.flink.", "flink other"},
        {"co.elastic.", "elasticsearch client"}, {"java.util.", "java collections"}, {"java.lang.", "java lang"},
        {"jdk.internal.", "jdk internal"}, {"sun.nio.", "jdk io"}};
    for (String[] area : areas) {
      if (type.startsWith(area[0])) {
        return area[1];
      }
    }
    return "other";
  }

  public long samples() {
    return samples;
  }

  /** The {@code limit} hottest entries of {@code counts} as percentages of all samples, hottest first. */
  public Map<String, Double> top(boolean byArea, int limit) {
    Map<String, Long> counts = byArea ? areas : methods;
    Map<String, Double> top = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .forEach(entry -> top.put(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples)));
    return top;
  }
}
