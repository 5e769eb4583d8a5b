package org.flowwatch.simulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.flowwatch.jobs.common.reference.MonitoringPoints;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Place;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/**
 * Reads files of observations to replay, sorted by event time (a replay in time order keeps every record within the
 * allowed lateness). Three formats:
 * <ul>
 *   <li>Frontex detections ({@code route,type,nat,t,n}, monthly): one observation per row at the route's point, on the
 *       first of the month, all {@code n} travellers of unspecified sex and age; the id is the row's key, so a second
 *       replay of the same file is recognised as duplicates.
 *   <li>flowwatch CSV, header {@value #CSV_HEADER}: one nationality group per row.
 *   <li>JSON lines with the same field names.
 * </ul>
 */
public final class ObservationFiles {
  public static final String CSV_HEADER = "id,point_code,observed_at,direction,origin_country,destination_country,route,"
      + "transport_mode,nationality,men,women,boys,girls";
  private static final List<String> FRONTEX_HEADER = List.of("route", "type", "nat", "t", "n");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ObservationFiles() {}

  public static List<FlowObservation> read(Path file) throws ReplayFileException {
    if (!Files.isRegularFile(file)) {
      throw new ReplayFileException(file + ": no such file");
    }
    List<FlowObservation> observations = file.toString().endsWith(".jsonl") ? readJsonLines(file) : readCsv(file);
    observations.sort(Comparator.comparing(FlowObservation::getObservedAt));
    return observations;
  }

  private static List<FlowObservation> readCsv(Path file) throws ReplayFileException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader)) {
      List<String> header = csv.getHeaderNames();
      boolean frontex = header.equals(FRONTEX_HEADER);
      if (!frontex && !header.equals(List.of(CSV_HEADER.split(",")))) {
        throw new ReplayFileException(file + " line 1: unknown header " + header + "; expected " + FRONTEX_HEADER
            + " (Frontex) or " + CSV_HEADER);
      }
      Map<String, MonitoringPoint> routes = MonitoringPoints.euExternalBorders().stream()
          .collect(Collectors.toMap(MonitoringPoint::getName, Function.identity()));
      List<FlowObservation> observations = new ArrayList<>();
      for (CSVRecord record : csv) {
        long line = record.getRecordNumber() + 1;
        try {
          observations.add(frontex ? frontexRow(record.toMap(), routes) : flowwatchRow(record.toMap()));
        } catch (RuntimeException e) {
          throw new ReplayFileException(file + " line " + line + ": " + e.getMessage(), e);
        }
      }
      return observations;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ReplayFileException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<FlowObservation> readJsonLines(Path file) throws ReplayFileException {
    List<FlowObservation> observations = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        try {
          JsonNode json = JSON.readTree(text);
          Map<String, String> fields = new java.util.HashMap<>();
          json.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
          observations.add(flowwatchRow(fields));
        } catch (IOException | RuntimeException e) {
          throw new ReplayFileException(file + " line " + line + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new ReplayFileException(file + ": " + e.getMessage(), e);
    }
    return observations;
  }

  static FlowObservation frontexRow(Map<String, String> row, Map<String, MonitoringPoint> routes) {
    MonitoringPoint point = routes.get(row.get("route"));
    if (point == null) {
      throw new IllegalArgumentException("route '" + row.get("route") + "' is not one of " + routes.keySet());
    }
    String type = row.get("type");
    TransportMode mode = switch (type) {
      case "Sea" -> TransportMode.BOAT;
      case "Land" -> TransportMode.OTHER;
      default -> throw new IllegalArgumentException("type '" + type + "' is neither Sea nor Land");
    };
    int detections = Integer.parseInt(row.get("n"));
    String nationality = row.get("nat");
    Instant month = YearMonth.parse(row.get("t")).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return FlowObservation.newBuilder()
        .setId(String.join("|", "frontex", row.get("route"), type, nationality, row.get("t")))
        .setPointCode(point.getCode())
        .setObservedAt(month)
        .setDirection(Direction.INCOMING)
        .setOrigin(new Place(nationality, null))
        .setDestination(new Place("EU", null))
        .setRoute(point.getRoutes().get(0))
        .setTransportMode(mode)
        .setTravellers(List.of(new TravellerGroup(nationality, 0, 0, 0, 0, detections, new Vulnerabilities(0, 0, 0, 0, 0))))
        .setReason(MovementReason.UNKNOWN)
        .build();
  }

  static FlowObservation flowwatchRow(Map<String, String> row) {
    String route = row.getOrDefault("route", "");
    return FlowObservation.newBuilder()
        .setId(required(row, "id"))
        .setPointCode(required(row, "point_code"))
        .setObservedAt(Instant.parse(required(row, "observed_at")))
        .setDirection(Direction.valueOf(required(row, "direction")))
        .setOrigin(new Place(required(row, "origin_country"), null))
        .setDestination(new Place(required(row, "destination_country"), null))
        .setRoute(route.isBlank() ? null : route)
        .setTransportMode(TransportMode.valueOf(required(row, "transport_mode")))
        .setTravellers(List.of(new TravellerGroup(required(row, "nationality"), count(row, "men"), count(row, "women"),
            count(row, "boys"), count(row, "girls"), 0, new Vulnerabilities(0, 0, 0, 0, 0))))
        .setReason(MovementReason.UNKNOWN)
        .build();
  }

  private static String required(Map<String, String> row, String field) {
    String value = row.get(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value.strip();
  }

  private static int count(Map<String, String> row, String field) {
    try {
      return Integer.parseInt(required(row, field));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not a whole number: '" + row.get(field) + "'");
    }
  }
}
