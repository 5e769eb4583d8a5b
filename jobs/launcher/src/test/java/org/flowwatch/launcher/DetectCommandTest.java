package org.flowwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {
  @TempDir
  Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run detect(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new FlowwatchCommand()).execute(args);
      return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void printsAnEvaluationForEveryDateItCanEvaluateAndFlagsTheSurge() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("date,count", "2024-01-01,10", "2024-01-02,12",
        "2024-01-03,11", "2024-01-04,9", "2024-01-05,10", "2024-01-06,11", "2024-01-07,12", "2024-01-08,40"));

    Run run = detect("detect", "--input", file.toString(), "--method", "ears-c1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).hasSize(2).first().isEqualTo("date,count,expected,threshold,alarm");
    assertThat(run.out().lines().toList().get(1)).startsWith("2024-01-08,40,10.714285714285").endsWith(",1");
  }

  @Test
  void rejectsAnImpossibleDateNamingItsLineAndStillEvaluatesTheRest() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("date,count", "2024-04-23,5", "2024-04-24,5",
        "2024-04-25,6", "2024-04-26,5", "2024-04-27,4", "2024-04-28,5", "2024-04-29,6", "2024-04-30,5",
        "2024-04-31,7"));

    Run run = detect("detect", "--input", file.toString(), "--method", "ears-c1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("line 10: '2024-04-31' is not a valid date");
    assertThat(run.out()).contains("2024-04-30,5,");
  }

  @Test
  void namesAMethodItDoesNotHaveYet() throws Exception {
    Path file = Files.write(dir.resolve("series.csv"), List.of("2024-01-01,1"));
    Run run = detect("detect", "--input", file.toString(), "--method", "farrington");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'farrington' is not available");
  }
}
