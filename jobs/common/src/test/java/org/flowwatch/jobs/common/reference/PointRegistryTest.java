package org.flowwatch.jobs.common.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowwatch.schema.MonitoringPoint;
import org.flowwatch.schema.PointKind;
import org.junit.jupiter.api.Test;

class PointRegistryTest {
  private final PointRegistry niger = PointRegistry.niger();

  @Test
  void bundlesNigersPointsWithRegionsAndRoutes() {
    MonitoringPoint agadez = niger.point("NE-AGZ");
    assertThat(agadez.getName()).isEqualTo("Agadez");
    assertThat(agadez.getKind()).isEqualTo(PointKind.FLOW_MONITORING_POINT);
    assertThat(agadez.getAdminRegion()).isEqualTo("Agadez");
    assertThat(agadez.getRoutes()).containsExactly("AGADEZ-ALGERIA", "AGADEZ-LIBYA");
    assertThat(niger.point("XX-NOWHERE")).isNull();
    assertThat(niger.routes()).containsKeys("AGADEZ-LIBYA", "KANO-ZINDER");
  }

  @Test
  void aDeclaredRouteWins() {
    assertThat(niger.resolveRoute(niger.point("NE-AGZ"), "AGADEZ-LIBYA", "NER", "DZA")).isEqualTo("AGADEZ-LIBYA");
  }

  @Test
  void aPointOnSeveralRoutesPicksTheOneWhoseFarEndIsTheOriginOrDestination() {
    MonitoringPoint agadez = niger.point("NE-AGZ");
    assertThat(niger.resolveRoute(agadez, null, "NER", "LBY")).isEqualTo("AGADEZ-LIBYA");
    assertThat(niger.resolveRoute(agadez, null, "DZA", "NER")).isEqualTo("AGADEZ-ALGERIA");
    assertThat(niger.resolveRoute(agadez, null, "NER", "NER")).isNull();
    assertThat(niger.resolveRoute(agadez, null, null, null)).isNull();
  }

  @Test
  void aPointOnOneRouteAlwaysGetsIt() {
    assertThat(niger.resolveRoute(niger.point("NE-MAG"), null, null, null)).isEqualTo("KANO-ZINDER");
  }
}
