package org.flowwatch.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one {@code ./flowwatch bench} run, with the machine and the run's parameters: printed as summary lines
 * and written as JSON ({@code --json FILE}) so runs can be compared.
 */
public final class BenchReport {
  private final Machine machine;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();

  public BenchReport(Machine machine) {
    this.machine = machine;
  }

  /** A parameter of the run (event count, parallelism...). */
  public void parameter(String name, Object value) {
    parameters.put(name, value);
  }

  /** A measured figure; {@code target} is null when the issue names none. */
  public Figure figure(String name, double value, String unit, Target target, String note) {
    Figure figure = new Figure(name, value, unit, target, note);
    figures.add(figure);
    System.out.println("  " + figure.line());
    return figure;
  }

  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  public Machine machine() {
    return machine;
  }

  public void printSummary() {
    System.out.println();
    System.out.println(machine.describe());
    parameters.forEach((name, value) -> System.out.println("  " + name + ": " + value));
    figures.forEach(figure -> System.out.println("  " + figure.line()));
  }

  public void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine.toMap());
    json.put("parameters", parameters);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Figure figure : figures) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", figure.name());
      entry.put("value", figure.value());
      entry.put("unit", figure.unit());
      if (figure.target() != null) {
        entry.put("target", figure.target().describe());
        entry.put("met", figure.met());
      }
      if (figure.note() != null) {
        entry.put("note", figure.note());
      }
      list.add(entry);
    }
    json.put("figures", list);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  /** A target the issue names: at least or at most a value. */
  public record Target(boolean atLeast, double value) {
    public static Target atLeast(double value) {
      return new Target(true, value);
    }

    public static Target atMost(double value) {
      return new Target(false, value);
    }

    boolean met(double measured) {
      return atLeast ? measured >= value : measured <= value;
    }

    String describe() {
      return (atLeast ? ">= " : "<= ") + format(value);
    }
  }

  public record Figure(String name, double value, String unit, Target target, String note) {
    public Boolean met() {
      return target == null ? null : target.met(value);
    }

    String line() {
      String line = String.format("%-46s %14s %s", name + ":", format(value), unit);
      if (target != null) {
        line += String.format("  (target %s %s: %s)", target.describe(), unit, met() ? "met" : "NOT met");
      }
      return note == null ? line : line + "  [" + note + "]";
    }
  }

  static String format(double value) {
    return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format("%,.0f", value)
        : String.format("%,.2f", value);
  }
}
