package org.flowwatch.jobs.common.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.PointKind;

/** The bundled default registry of monitoring points (Niger), read from a CSV resource. */
public final class MonitoringPoints {
  private static final String NIGER = "/flowwatch/reference/niger-monitoring-points.csv";

  private MonitoringPoints() {}

  public static List<MonitoringPoint> niger() {
    try (InputStream in = MonitoringPoints.class.getResourceAsStream(NIGER)) {
      if (in == null) {
        throw new IllegalStateException("bundled registry missing from the class path: " + NIGER);
      }
      List<MonitoringPoint> points = new ArrayList<>();
      List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          points.add(parse(line, i + 1));
        }
      }
      return List.copyOf(points);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MonitoringPoint parse(String line, int lineNumber) {
    String[] fields = line.split(",", -1);
    if (fields.length != 8) {
      throw new IllegalStateException(NIGER + " line " + lineNumber + ": expected 8 fields, found " + fields.length);
    }
    return MonitoringPoint.newBuilder()
        .setCode(fields[0])
        .setName(fields[1])
        .setKind(PointKind.valueOf(fields[2]))
        .setCountry(fields[3])
        .setAdminRegion(fields[4])
        .setLatitude(Double.parseDouble(fields[5]))
        .setLongitude(Double.parseDouble(fields[6]))
        .setRoutes(Arrays.asList(fields[7].split(";")))
        .build();
  }
}
