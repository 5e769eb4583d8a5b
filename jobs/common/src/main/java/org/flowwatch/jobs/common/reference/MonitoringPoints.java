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

/** The bundled default registries of monitoring points, read from CSV resources. */
public final class MonitoringPoints {
  private static final String NIGER = "/flowwatch/reference/niger-monitoring-points.csv";
  private static final String EU_EXTERNAL_BORDERS = "/flowwatch/reference/eu-external-border-routes.csv";

  private MonitoringPoints() {}

  /** IOM Niger's flow monitoring points and information points. */
  public static List<MonitoringPoint> niger() {
    return read(NIGER);
  }

  /** One point per Frontex migratory route at the EU's external borders, for replaying Frontex detections. */
  public static List<MonitoringPoint> euExternalBorders() {
    return read(EU_EXTERNAL_BORDERS);
  }

  private static List<MonitoringPoint> read(String resource) {
    try (InputStream in = MonitoringPoints.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled registry missing from the class path: " + resource);
      }
      List<MonitoringPoint> points = new ArrayList<>();
      List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          points.add(parse(resource, line, i + 1));
        }
      }
      return List.copyOf(points);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MonitoringPoint parse(String resource, String line, int lineNumber) {
    String[] fields = line.split(",", -1);
    if (fields.length != 8) {
      throw new IllegalStateException(resource + " line " + lineNumber + ": expected 8 fields, found " + fields.length);
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
