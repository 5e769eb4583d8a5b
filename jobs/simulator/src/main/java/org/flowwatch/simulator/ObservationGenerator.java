package org.flowwatch.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.MovementReason;
import org.flowwatch.schema.Place;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/**
 * Generates plausible Flow Monitoring Registry observations for an interval of event time: Poisson arrivals of
 * groups at each point, with a weekly pattern (market and convoy days) and a daily one (little traffic at night, Niger
 * local time UTC+1), several nationalities per group, both directions. Deterministic for a given seed.
 */
public final class ObservationGenerator {
  static final ZoneOffset NIGER_TIME = ZoneOffset.ofHours(1);
  private static final double DAYLIGHT_FACTOR = 1.6;
  private static final double NIGHT_FACTOR = (24 - 13 * DAYLIGHT_FACTOR) / 11; // keeps the daily mean at 1

  private final List<PointProfile> profiles;
  private final double scale;
  private final SplittableRandom random;
  private final String idPrefix;
  private final PlantedSurge surge;
  private long nextId;

  public ObservationGenerator(long seed, double scale) {
    this(PointProfile.niger(), seed, scale, null);
  }

  /**
   * With a planted surge (null for none): until it starts the observations are exactly those of the generator
   * without it (same seed); from then on its route and direction get the extra journeys.
   */
  public ObservationGenerator(long seed, double scale, PlantedSurge surge) {
    this(PointProfile.niger(), seed, scale, surge);
  }

  ObservationGenerator(List<PointProfile> profiles, long seed, double scale) {
    this(profiles, seed, scale, null);
  }

  ObservationGenerator(List<PointProfile> profiles, long seed, double scale, PlantedSurge surge) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive, was " + scale);
    }
    this.profiles = profiles;
    this.scale = scale;
    this.random = new SplittableRandom(seed);
    this.idPrefix = "sim-" + Long.toHexString(seed) + "-";
    this.surge = surge;
  }

  /** The surge planted in this generator's traffic, or null. */
  public PlantedSurge surge() {
    return surge;
  }

  /** Observations whose event time falls in [from, to), in time order. */
  public List<FlowObservation> between(Instant from, Instant to) {
    List<FlowObservation> observations = new ArrayList<>();
    // The weekly and daily patterns change on the hour: draw each hour-aligned slice with its own intensity.
    for (Instant sliceStart = from; sliceStart.isBefore(to); ) {
      Instant nextHour = sliceStart.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      Instant sliceEnd = nextHour.isBefore(to) ? nextHour : to;
      if (surge != null && sliceStart.isBefore(surge.from()) && sliceEnd.isAfter(surge.from())) {
        sliceEnd = surge.from(); // the surge starts within the slice: split it there
      }
      addSlice(sliceStart, sliceEnd, observations);
      sliceStart = sliceEnd;
    }
    observations.sort((a, b) -> a.getObservedAt().compareTo(b.getObservedAt()));
    return observations;
  }

  private void addSlice(Instant from, Instant to, List<FlowObservation> observations) {
    long millis = to.toEpochMilli() - from.toEpochMilli();
    double hours = millis / 3_600_000.0;
    double pattern = weeklyFactor(from) * dailyFactor(from);
    for (PointProfile profile : profiles) {
      double groupsPerHour = profile.travellersPerDay() / 24.0 / meanGroupSize(profile) * pattern * scale;
      int groups = poisson(groupsPerHour * hours);
      for (int i = 0; i < groups; i++) {
        long offset = (long) (random.nextDouble() * millis);
        observations.add(observation(profile, Instant.ofEpochMilli(from.toEpochMilli() + offset), pickLeg(profile.legs())));
      }
      // The surge's journeys follow the day's average hour, not the daylight pattern: as strong by night as by day,
      // so that what the demo shows does not depend on the hour it is run.
      addSurge(profile, groupsPerHour / dailyFactor(from) * hours, from, millis, observations);
    }
  }

  /**
   * The surge's extra journeys in a slice: (multiplier - 1) times the usual groups of an average hour of that day on
   * the surging legs, so a day of surge carries multiplier times the day's usual traffic. Drawn
   * after the usual ones, so that before the surge the random sequence is that of a generator without it.
   */
  private void addSurge(PointProfile profile, double usualGroups, Instant from, long millis,
      List<FlowObservation> observations) {
    if (surge == null || from.isBefore(surge.from())) {
      return;
    }
    List<PointProfile.Leg> legs = profile.legs().stream().filter(surge::covers).toList();
    if (legs.isEmpty()) {
      return;
    }
    double share = legs.stream().mapToDouble(PointProfile.Leg::weight).sum()
        / profile.legs().stream().mapToDouble(PointProfile.Leg::weight).sum();
    int extra = poisson(usualGroups * share * (surge.multiplier() - 1));
    for (int i = 0; i < extra; i++) {
      long offset = (long) (random.nextDouble() * millis);
      observations.add(observation(profile, Instant.ofEpochMilli(from.toEpochMilli() + offset), pickLeg(legs)));
    }
  }

  /** Busier early in the week, when convoys and weekly markets gather travellers; mean 1 over a week. */
  static double weeklyFactor(Instant time) {
    DayOfWeek day = ZonedDateTime.ofInstant(time, NIGER_TIME).getDayOfWeek();
    return switch (day) {
      case MONDAY -> 1.30;
      case TUESDAY -> 1.20;
      case WEDNESDAY -> 1.00;
      case THURSDAY -> 0.90;
      case FRIDAY -> 0.75;
      case SATURDAY -> 0.90;
      case SUNDAY -> 0.95;
    };
  }

  /** Travel happens mostly in daylight (06:00 to 19:00 local); mean 1 over a day. */
  static double dailyFactor(Instant time) {
    int hour = ZonedDateTime.ofInstant(time, NIGER_TIME).getHour();
    return hour >= 6 && hour < 19 ? DAYLIGHT_FACTOR : NIGHT_FACTOR;
  }

  private FlowObservation observation(PointProfile profile, Instant observedAt, PointProfile.Leg leg) {
    TransportMode mode = TransportMode.valueOf(pick(profile.transportModes()));
    int size = groupSize(mode);
    return FlowObservation.newBuilder()
        .setId(idPrefix + nextId++)
        .setPointCode(profile.pointCode())
        .setObservedAt(observedAt)
        .setDirection(leg.direction())
        .setOrigin(new Place(leg.originCountry(), leg.originLocality()))
        .setDestination(new Place(leg.destinationCountry(), leg.destinationLocality()))
        .setRoute(leg.route())
        .setTransportMode(mode)
        .setTravellers(travellers(profile, size))
        .setReason(random.nextDouble() < 0.8 ? MovementReason.LONG_TERM_ECONOMIC : MovementReason.SEASONAL)
        .build();
  }

  private List<TravellerGroup> travellers(PointProfile profile, int size) {
    int nationalities = Math.min(size, 1 + random.nextInt(3));
    List<TravellerGroup> groups = new ArrayList<>();
    int left = size;
    for (int i = 0; i < nationalities && left > 0; i++) {
      int count = i == nationalities - 1 ? left : 1 + random.nextInt(left);
      left -= count;
      String nationality = pick(profile.nationalities());
      groups.add(group(nationality, count));
    }
    return groups;
  }

  private TravellerGroup group(String nationality, int count) {
    int men = 0, women = 0, boys = 0, girls = 0;
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble();
      if (u < 0.70) men++;
      else if (u < 0.85) women++;
      else if (u < 0.93) boys++;
      else girls++;
    }
    Vulnerabilities vulnerabilities = Vulnerabilities.newBuilder()
        .setChildrenUnder5(binomial(boys + girls, 0.3))
        .setElderly(binomial(men + women, 0.03))
        .setWithDisability(binomial(count, 0.01))
        .setPregnantWomen(binomial(women, 0.08))
        .setUnaccompaniedChildren(binomial(boys + girls, 0.05))
        .build();
    return new TravellerGroup(nationality, men, women, boys, girls, 0, vulnerabilities);
  }

  private int groupSize(TransportMode mode) {
    return switch (mode) {
      case BUS -> 15 + random.nextInt(40);
      case TRUCK -> 8 + random.nextInt(30);
      case CAR -> 2 + random.nextInt(6);
      case MOTORCYCLE -> 1 + random.nextInt(2);
      default -> 1 + random.nextInt(5);
    };
  }

  private static double meanGroupSize(PointProfile profile) {
    double mean = 0;
    for (Map.Entry<String, Double> mode : profile.transportModes().entrySet()) {
      double size = switch (TransportMode.valueOf(mode.getKey())) {
        case BUS -> 34.5;
        case TRUCK -> 22.5;
        case CAR -> 4.5;
        case MOTORCYCLE -> 1.5;
        default -> 3;
      };
      mean += mode.getValue() * size;
    }
    return mean;
  }

  private PointProfile.Leg pickLeg(List<PointProfile.Leg> legs) {
    double u = random.nextDouble() * legs.stream().mapToDouble(PointProfile.Leg::weight).sum();
    for (PointProfile.Leg leg : legs) {
      u -= leg.weight();
      if (u <= 0) {
        return leg;
      }
    }
    return legs.get(legs.size() - 1);
  }

  private String pick(Map<String, Double> weights) {
    double u = random.nextDouble() * weights.values().stream().mapToDouble(Double::doubleValue).sum();
    String last = null;
    for (Map.Entry<String, Double> entry : weights.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      last = entry.getKey();
      u -= entry.getValue();
      if (u <= 0) {
        return last;
      }
    }
    return last;
  }

  private int binomial(int trials, double p) {
    int successes = 0;
    for (int i = 0; i < trials; i++) {
      if (random.nextDouble() < p) successes++;
    }
    return successes;
  }

  private int poisson(double mean) {
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  private double gaussian() {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
