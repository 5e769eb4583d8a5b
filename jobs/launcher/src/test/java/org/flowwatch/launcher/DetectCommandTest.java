package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {
  @TempDir
  Path dir;

  private static CommandRun detect(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void printsAnEvaluationForEveryDateItCanEvaluateAndFlagsTheSurge() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("date,count", "2024-01-01,10", "2024-01-02,12",
        "2024-01-03,11", "2024-01-04,9", "2024-01-05,10", "2024-01-06,11", "2024-01-07,12", "2024-01-08,40"));

    CommandRun run = detect("detect", "--input", file.toString(), "--method", "ears-c1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).hasSize(2).first().isEqualTo("date,count,expected,threshold,alarm");
    assertThat(run.out().lines().toList().get(1)).startsWith("2024-01-08,40,10.714285714285").endsWith(",1");
  }

  @Test
  void rejectsAnImpossibleDateNamingItsLineAndStillEvaluatesTheRest() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("date,count", "2024-04-23,5", "2024-04-24,5",
        "2024-04-25,6", "2024-04-26,5", "2024-04-27,4", "2024-04-28,5", "2024-04-29,6", "2024-04-30,5",
        "2024-04-31,7"));

    CommandRun run = detect("detect", "--input", file.toString(), "--method", "ears-c1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("line 10: '2024-04-31' is not a valid date");
    assertThat(run.out()).contains("2024-04-30,5,");
  }

  @Test
  void rejectsAMethodItDoesNotKnow() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("2024-01-01,1"));
    CommandRun run = detect("detect", "--input", file.toString(), "--method", "holt-winters");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'holt-winters' is not one of ears-c1, ears-c2, ears-c3, farrington, glrnb");
  }

  /** Weekly input with no options runs R's farringtonFlexible defaults: the output equals the golden vectors. */
  @Test
  void farringtonWithDefaultsOnWeeklyInputReproducesTheReference() throws Exception {
    List<String[]> series = golden("farrington-series.csv", "default", "outbreak");
    List<String> lines = new java.util.ArrayList<>(List.of("date,count"));
    java.time.LocalDate monday = java.time.LocalDate.of(2019, 1, 7);
    for (String[] row : series) {
      lines.add(monday.plusWeeks(Integer.parseInt(row[2]) - 1) + "," + row[3]);
    }
    Path file = Files.write(dir.resolve("weekly.csv"), lines);

    CommandRun run = detect("detect", "--input", file.toString(), "--method", "farrington");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String[]> reference = golden("farrington.csv", "default", "outbreak");
    List<String> out = run.out().lines().skip(1).toList();
    assertThat(out).hasSameSizeAs(reference);
    for (int i = 0; i < reference.size(); i++) {
      String[] printed = out.get(i).split(",");
      String[] expected = reference.get(i);
      assertThat(printed[0]).isEqualTo(monday.plusWeeks(Integer.parseInt(expected[2]) - 1).toString());
      if (expected[5].equals("NA")) {
        assertThat(printed[3]).isEqualTo("NA");
      } else {
        assertThat(Double.parseDouble(printed[3])).isCloseTo(Double.parseDouble(expected[5]),
            org.assertj.core.data.Offset.offset(Double.parseDouble(expected[5]) * 1e-6));
      }
      assertThat(printed[4]).isEqualTo(expected[6].equals("NA") ? "NA" : expected[6]);
    }
    assertThat(out).anyMatch(line -> line.endsWith(",1"));
  }

  @Test
  void glrFlagsAPlantedSurgeAfterTheTrainingStretchAndNothingBefore() throws Exception {
    List<String> lines = new java.util.ArrayList<>(List.of("date,count"));
    java.util.Random random = new java.util.Random(7);
    java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
    for (int t = 0; t < 120; t++) {
      int count = 40 + random.nextInt(9) - 4 + (t >= 100 ? 40 : 0);
      lines.add(day.plusDays(t) + "," + count);
    }
    Path file = Files.write(dir.resolve("daily.csv"), lines);

    CommandRun run = detect("detect", "--input", file.toString(), "--method", "glrnb", "--train", "60");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> out = run.out().lines().skip(1).toList();
    assertThat(out).hasSize(60).first().asString().startsWith("2024-03-01,");
    assertThat(out.subList(0, 40)).noneMatch(line -> line.endsWith(",1"));
    assertThat(out.get(40)).startsWith("2024-04-10,").endsWith(",1");
  }

  private static List<String[]> golden(String file, String config, String series) throws java.io.IOException {
    return Files.readAllLines(Path.of("../detectors/src/test/resources/golden", file)).stream().skip(1)
        .map(line -> line.split(",", -1)).filter(row -> row[0].equals(config) && row[1].equals(series)).toList();
  }
}
