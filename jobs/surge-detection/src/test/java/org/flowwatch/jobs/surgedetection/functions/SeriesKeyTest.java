package org.flowwatch.jobs.surgedetection.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesKeyTest {
  @Test
  void theTextFormStaysWhatAlertIdsAlreadyCarry() {
    assertThat(SeriesKey.point("ASSAMAKA", "INCOMING").id()).isEqualTo("point=ASSAMAKA|direction=INCOMING");
    assertThat(SeriesKey.route("AGADEZ-LIBYA", null, "OUTGOING").id()).isEqualTo("route=AGADEZ-LIBYA|direction=OUTGOING");
    assertThat(SeriesKey.route("AGADEZ-LIBYA", "NGA", "OUTGOING").id())
        .isEqualTo("route=AGADEZ-LIBYA|nationality=NGA|direction=OUTGOING");
  }

  @Test
  void theLevelFollowsTheFieldsSet() {
    assertThat(SeriesKey.point("ASSAMAKA", "INCOMING").level()).isEqualTo("POINT");
    assertThat(SeriesKey.route("AGADEZ-LIBYA", null, "OUTGOING").level()).isEqualTo("ROUTE");
    assertThat(SeriesKey.route("AGADEZ-LIBYA", "NGA", "OUTGOING").level()).isEqualTo("ROUTE_NATIONALITY");
  }
}
