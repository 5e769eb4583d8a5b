package org.flowwatch.simulator;

import java.util.List;
import java.util.Map;
import org.flowwatch.schema.Direction;

/**
 * How traffic looks at one monitoring point: its daily volume, the journeys that pass it and who travels.
 * Volumes follow the order of magnitude of IOM Niger's registries (about 10,000 movements a day across the network).
 */
record PointProfile(String pointCode, double travellersPerDay, List<Leg> legs, Map<String, Double> nationalities,
    Map<String, Double> transportModes) {

  /** One kind of journey through the point; {@code weight} is its share of the point's traffic. */
  record Leg(Direction direction, String originCountry, String originLocality, String destinationCountry,
      String destinationLocality, String route, double weight) {}

  static Leg leg(Direction direction, String from, String fromLocality, String to, String toLocality, String route,
      double weight) {
    return new Leg(direction, from, fromLocality, to, toLocality, route, weight);
  }

  private static final Map<String, Double> SAHEL_NORTHBOUND = Map.of("NER", 0.30, "NGA", 0.20, "MLI", 0.10, "TCD", 0.10,
      "SDN", 0.08, "GIN", 0.06, "SEN", 0.05, "CIV", 0.04, "CMR", 0.04, "BFA", 0.03);
  private static final Map<String, Double> SOUTHERN_BORDER = Map.of("NER", 0.55, "NGA", 0.35, "BEN", 0.03, "TCD", 0.03,
      "GHA", 0.02, "TGO", 0.02);
  private static final Map<String, Double> WESTERN_BORDER = Map.of("NER", 0.45, "MLI", 0.25, "BFA", 0.20, "GMB", 0.04,
      "SEN", 0.03, "GIN", 0.03);
  private static final Map<String, Double> DESERT = Map.of("TRUCK", 0.55, "CAR", 0.35, "MOTORCYCLE", 0.05, "OTHER", 0.05);
  private static final Map<String, Double> ROADS = Map.of("BUS", 0.45, "CAR", 0.25, "TRUCK", 0.10, "MOTORCYCLE", 0.15,
      "ON_FOOT", 0.05);

  static List<PointProfile> niger() {
    return List.of(
        new PointProfile("NE-AGZ", 1800, List.of(
            leg(Direction.OUTGOING, "NER", "Agadez", "LBY", "Sebha", "AGADEZ-LIBYA", 0.35),
            leg(Direction.OUTGOING, "NER", "Agadez", "DZA", "Tamanrasset", "AGADEZ-ALGERIA", 0.25),
            leg(Direction.INCOMING, "LBY", "Sebha", "NER", "Agadez", "AGADEZ-LIBYA", 0.20),
            leg(Direction.INCOMING, "DZA", "Tamanrasset", "NER", "Agadez", "AGADEZ-ALGERIA", 0.20)),
            SAHEL_NORTHBOUND, DESERT),
        new PointProfile("NE-ARL", 900, List.of(
            leg(Direction.OUTGOING, "NER", "Arlit", "DZA", "Assamaka", "AGADEZ-ALGERIA", 0.55),
            leg(Direction.INCOMING, "DZA", "Assamaka", "NER", "Arlit", "AGADEZ-ALGERIA", 0.45)),
            SAHEL_NORTHBOUND, DESERT),
        new PointProfile("NE-SEG", 700, List.of(
            leg(Direction.OUTGOING, "NER", "Dirkou", "LBY", "Qatrun", "AGADEZ-LIBYA", 0.6),
            leg(Direction.INCOMING, "LBY", "Qatrun", "NER", "Dirkou", "AGADEZ-LIBYA", 0.4)),
            SAHEL_NORTHBOUND, DESERT),
        new PointProfile("NE-MAD", 300, List.of(
            leg(Direction.OUTGOING, "NER", "Séguédine", "LBY", "Qatrun", "AGADEZ-LIBYA", 0.6),
            leg(Direction.INCOMING, "LBY", "Qatrun", "NER", "Séguédine", "AGADEZ-LIBYA", 0.4)),
            SAHEL_NORTHBOUND, DESERT),
        new PointProfile("NE-DRK", 600, List.of(
            leg(Direction.OUTGOING, "NER", "Agadez", "LBY", "Sebha", "AGADEZ-LIBYA", 0.55),
            leg(Direction.INCOMING, "LBY", "Sebha", "NER", "Agadez", "AGADEZ-LIBYA", 0.45)),
            SAHEL_NORTHBOUND, DESERT),
        new PointProfile("NE-MAG", 1400, List.of(
            leg(Direction.INCOMING, "NGA", "Kano", "NER", "Zinder", "KANO-ZINDER", 0.5),
            leg(Direction.OUTGOING, "NER", "Zinder", "NGA", "Kano", "KANO-ZINDER", 0.5)),
            SOUTHERN_BORDER, ROADS),
        new PointProfile("NE-DBT", 900, List.of(
            leg(Direction.INCOMING, "NGA", "Kano", "NER", "Zinder", "KANO-ZINDER", 0.5),
            leg(Direction.OUTGOING, "NER", "Zinder", "NGA", "Kano", "KANO-ZINDER", 0.5)),
            SOUTHERN_BORDER, ROADS),
        new PointProfile("NE-DIS", 1200, List.of(
            leg(Direction.INCOMING, "NGA", "Katsina", "NER", "Maradi", "KATSINA-MARADI", 0.5),
            leg(Direction.OUTGOING, "NER", "Maradi", "NGA", "Katsina", "KATSINA-MARADI", 0.5)),
            SOUTHERN_BORDER, ROADS),
        new PointProfile("NE-THA", 700, List.of(
            leg(Direction.OUTGOING, "NER", "Tahoua", "NER", "Agadez", "AGADEZ-ALGERIA", 0.4),
            leg(Direction.INCOMING, "NGA", "Sokoto", "NER", "Tahoua", "TAHOUA-NIGERIA", 0.3),
            leg(Direction.OUTGOING, "NER", "Tahoua", "NGA", "Sokoto", "TAHOUA-NIGERIA", 0.3)),
            SOUTHERN_BORDER, ROADS),
        new PointProfile("NE-AYR", 400, List.of(
            leg(Direction.INCOMING, "MLI", "Gao", "NER", "Niamey", "NIAMEY-MALI", 0.5),
            leg(Direction.OUTGOING, "NER", "Niamey", "MLI", "Gao", "NIAMEY-MALI", 0.5)),
            WESTERN_BORDER, ROADS),
        new PointProfile("NE-TER", 350, List.of(
            leg(Direction.INCOMING, "BFA", "Dori", "NER", "Niamey", "NIAMEY-BURKINA", 0.5),
            leg(Direction.OUTGOING, "NER", "Niamey", "BFA", "Dori", "NIAMEY-BURKINA", 0.5)),
            WESTERN_BORDER, ROADS),
        new PointProfile("NE-GAY", 500, List.of(
            leg(Direction.INCOMING, "BEN", "Malanville", "NER", "Dosso", "GAYA-BENIN", 0.5),
            leg(Direction.OUTGOING, "NER", "Dosso", "BEN", "Malanville", "GAYA-BENIN", 0.5)),
            SOUTHERN_BORDER, ROADS));
  }
}
