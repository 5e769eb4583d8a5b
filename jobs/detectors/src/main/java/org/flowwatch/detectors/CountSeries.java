package org.flowwatch.detectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A count series read from {@code date,count} lines (a header line is allowed), daily or weekly. The spacing is the
 * smallest gap between consecutive dates; a date missing between two others is a period without any count, filled
 * with 0 (no report is itself a signal: a point going silent). Malformed lines are collected with their line number
 * and reason (an impossible date such as 2024-04-31, a negative or non-numeric count, a duplicate date, a date off the
 * series' spacing), never skipped silently.
 */
public record CountSeries(List<LocalDate> dates, double[] counts, List<String> errors) {

  public static CountSeries read(Reader input) throws IOException {
    TreeMap<LocalDate, Double> byDate = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    BufferedReader reader = new BufferedReader(input);
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || (number == 1 && text.toLowerCase().startsWith("date"))) {
        continue;
      }
      String[] fields = text.split(",", -1);
      if (fields.length != 2) {
        errors.add("line " + number + ": expected date,count, found " + fields.length + " fields: '" + text + "'");
        continue;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(fields[0].strip());
      } catch (DateTimeParseException e) {
        errors.add("line " + number + ": '" + fields[0].strip() + "' is not a valid date (YYYY-MM-DD)");
        continue;
      }
      double count;
      try {
        count = Double.parseDouble(fields[1].strip());
      } catch (NumberFormatException e) {
        errors.add("line " + number + ": count '" + fields[1].strip() + "' is not a number");
        continue;
      }
      if (count < 0 || Double.isNaN(count) || Double.isInfinite(count)) {
        errors.add("line " + number + ": count " + fields[1].strip() + " is not a non-negative number");
        continue;
      }
      if (byDate.put(date, count) != null) {
        errors.add("line " + number + ": date " + date + " appears more than once");
      }
    }
    return fill(byDate, errors);
  }

  private static CountSeries fill(TreeMap<LocalDate, Double> byDate, List<String> errors) {
    List<LocalDate> dates = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    if (!byDate.isEmpty()) {
      long step = Long.MAX_VALUE;
      LocalDate previous = null;
      for (LocalDate date : byDate.keySet()) {
        if (previous != null) {
          step = Math.min(step, ChronoUnit.DAYS.between(previous, date));
        }
        previous = date;
      }
      step = step == Long.MAX_VALUE ? 1 : step;
      LocalDate first = byDate.firstKey();
      for (LocalDate date : byDate.keySet()) {
        if (ChronoUnit.DAYS.between(first, date) % step != 0) {
          errors.add("date " + date + " is off the series' spacing of " + step + " days from " + first);
        }
      }
      for (LocalDate date = first; !date.isAfter(byDate.lastKey()); date = date.plusDays(step)) {
        dates.add(date);
        counts.add(byDate.getOrDefault(date, 0.0));
      }
    }
    return new CountSeries(List.copyOf(dates), counts.stream().mapToDouble(Double::doubleValue).toArray(),
        List.copyOf(errors));
  }
}
