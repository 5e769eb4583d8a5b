package org.flowwatch.detectors.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic hourly series that look like flow monitoring counts: a level from 40 to 2,500 movements a day, a
 * weekly pattern (busier at the start and end of the week), busier daytime hours, day-to-day overdispersion (each
 * day's level is gamma distributed around the pattern, coefficient of variation 0.2) and Poisson counts. Into most
 * series one event is planted between day 100 and day 130: a surge of 1.5, 2, 3 or 5 times the usual for 3 to 7
 * days, a collapse to 15% for 3 to 5 days, or silence (nothing) for 2 to 4 days; the rest stay normal.
 */
public final class SyntheticSet {
  /** What is planted in a series. */
  public enum Kind { NONE, SURGE, COLLAPSE, SILENCE }

  /** @param factor the multiplier of the usual counts while the event lasts */
  public record Event(Kind kind, double factor, long startHour, long endHour) {}

  public record Series(String name, long[] hourly, Event event) {
    public int days() {
      return hourly.length / 24;
    }
  }

  public static final double[] SURGE_SIZES = {1.5, 2, 3, 5};
  private static final double[] LEVELS = {40, 150, 600, 2500};
  private static final double[] WEEKDAY = {1.3, 1.1, 1.0, 0.9, 0.8, 1.0, 1.2};
  private static final double DAY_SHAPE = 25; // gamma shape of the daily level: CV = 1 / sqrt(25) = 0.2

  private SyntheticSet() {}

  /** {@code perGroup} series of each surge size, of collapse, of silence, and twice as many without any event. */
  public static List<Series> generate(long seed, int perGroup, int days) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Series> series = new ArrayList<>();
    int index = 0;
    for (double size : SURGE_SIZES) {
      for (int i = 0; i < perGroup; i++) {
        series.add(one(random, "surge-" + size + "-" + i, Kind.SURGE, size, 3 + random.nextInt(5), days, index++));
      }
    }
    for (int i = 0; i < perGroup; i++) {
      series.add(one(random, "collapse-" + i, Kind.COLLAPSE, 0.15, 3 + random.nextInt(3), days, index++));
      series.add(one(random, "silence-" + i, Kind.SILENCE, 0, 2 + random.nextInt(3), days, index++));
    }
    for (int i = 0; i < 2 * perGroup; i++) {
      series.add(one(random, "normal-" + i, Kind.NONE, 1, 0, days, index++));
    }
    return series;
  }

  private static Series one(SplittableRandom random, String name, Kind kind, double factor, int eventDays, int days,
      int index) {
    double level = LEVELS[index % LEVELS.length];
    int weekdayShift = random.nextInt(7);
    long start = (100 + random.nextInt(30)) * 24L + random.nextInt(24);
    Event event = new Event(kind, factor, start, start + eventDays * 24L);
    long[] hourly = new long[days * 24];
    for (int day = 0; day < days; day++) {
      double dayLevel = level * WEEKDAY[(day + weekdayShift) % 7] * Sampling.gamma(random, DAY_SHAPE, 1 / DAY_SHAPE);
      for (int hourOfDay = 0; hourOfDay < 24; hourOfDay++) {
        long hour = day * 24L + hourOfDay;
        double share = (hourOfDay >= 6 && hourOfDay < 18 ? 3.0 : 1.0) / 48;
        boolean inEvent = kind != Kind.NONE && hour >= event.startHour() && hour < event.endHour();
        hourly[(int) hour] = Sampling.poisson(random, dayLevel * share * (inEvent ? factor : 1));
      }
    }
    return new Series(name, hourly, event);
  }
}
