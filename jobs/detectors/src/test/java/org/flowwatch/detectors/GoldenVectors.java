package org.flowwatch.detectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the CSVs that src/test/r/generate-golden-vectors.R wrote with R's surveillance package. */
final class GoldenVectors {
  private GoldenVectors() {}

  static List<String[]> rows(String file) {
    try (InputStream in = GoldenVectors.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        throw new IllegalStateException("golden vectors missing: " + file + "; run src/test/r/generate-golden-vectors.R");
      }
      List<String[]> rows = new ArrayList<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().skip(1)
          .forEach(line -> rows.add(line.split(",", -1)));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Series name to counts, in order. */
  static Map<String, double[]> series() {
    Map<String, List<Double>> lists = new LinkedHashMap<>();
    for (String[] row : rows("series.csv")) {
      lists.computeIfAbsent(row[0], k -> new ArrayList<>()).add(Double.parseDouble(row[2]));
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    lists.forEach((name, values) -> series.put(name, values.stream().mapToDouble(Double::doubleValue).toArray()));
    return series;
  }

  /** The distinct (configuration, series) pairs of a golden file whose first two columns name them. */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> configsAndSeries(String file) {
    return rows(file).stream().map(row -> List.of(row[0], row[1])).distinct()
        .map(pair -> org.junit.jupiter.params.provider.Arguments.of(pair.get(0), pair.get(1)));
  }

  static double number(String text) {
    return text.equals("NA") ? Double.NaN : Double.parseDouble(text.strip());
  }
}
