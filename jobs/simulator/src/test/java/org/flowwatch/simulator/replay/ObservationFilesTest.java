package org.flowwatch.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flowwatch.schema.Direction;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.TransportMode;
import org.flowwatch.schema.TravellerGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationFilesTest {
  @TempDir
  Path dir;

  private Path write(String name, String... lines) throws Exception {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  @Test
  void readsFrontexRowsAsObservationsAtTheRoutesPointInTimeOrder() throws Exception {
    Path file = write("frontex.csv", "\"route\",\"type\",\"nat\",\"t\",\"n\"",
        "\"Central Mediterranean Route\",\"Sea\",\"ERI\",\"2016-10\",2739",
        "\"Western Balkan Route\",\"Land\",\"SYR\",\"2015-10\",120");

    List<FlowObservation> observations = ObservationFiles.read(file);

    assertThat(observations).extracting(FlowObservation::getPointCode)
        .containsExactly("FX-WESTERN-BALKAN", "FX-CENTRAL-MEDITERRANEAN");
    FlowObservation sea = observations.get(1);
    assertThat(sea.getObservedAt()).isEqualTo(Instant.parse("2016-10-01T00:00:00Z"));
    assertThat(sea.getRoute()).isEqualTo("CENTRAL-MEDITERRANEAN");
    assertThat(sea.getTransportMode()).isEqualTo(TransportMode.BOAT);
    assertThat(sea.getDirection()).isEqualTo(Direction.INCOMING);
    TravellerGroup group = sea.getTravellers().get(0);
    assertThat(group.getNationality()).isEqualTo("ERI");
    assertThat(group.getUnspecified()).isEqualTo(2739);
    assertThat(group.getMen() + group.getWomen() + group.getBoys() + group.getGirls()).isZero();
    assertThat(sea.getId()).isEqualTo("frontex|Central Mediterranean Route|Sea|ERI|2016-10");
  }

  @Test
  void namesTheLineAndTheProblemOfABadRow() throws Exception {
    Path file = write("frontex.csv", "route,type,nat,t,n", "Central Mediterranean Route,Sea,ERI,2016-10,2739",
        "Central Mediterranean Route,Air,ERI,2016-11,5");

    assertThatThrownBy(() -> ObservationFiles.read(file)).isInstanceOf(ReplayFileException.class)
        .hasMessageContaining("line 3").hasMessageContaining("'Air'");
  }

  @Test
  void rejectsAnUnknownHeader() throws Exception {
    Path file = write("other.csv", "a,b,c", "1,2,3");
    assertThatThrownBy(() -> ObservationFiles.read(file)).hasMessageContaining("line 1").hasMessageContaining("unknown header");
  }

  @Test
  void readsFlowwatchCsvAndJsonLines() throws Exception {
    Path csv = write("obs.csv", ObservationFiles.CSV_HEADER,
        "o1,NE-AGZ,2024-01-15T08:30:00Z,OUTGOING,NER,LBY,AGADEZ-LIBYA,TRUCK,NGA,10,2,1,0");
    Path jsonl = write("obs.jsonl", "{\"id\":\"o1\",\"point_code\":\"NE-AGZ\",\"observed_at\":\"2024-01-15T08:30:00Z\","
        + "\"direction\":\"OUTGOING\",\"origin_country\":\"NER\",\"destination_country\":\"LBY\",\"route\":\"AGADEZ-LIBYA\","
        + "\"transport_mode\":\"TRUCK\",\"nationality\":\"NGA\",\"men\":10,\"women\":2,\"boys\":1,\"girls\":0}", "");

    assertThat(ObservationFiles.read(csv)).isEqualTo(ObservationFiles.read(jsonl));
    assertThat(ObservationFiles.read(csv).get(0).getTravellers().get(0).getMen()).isEqualTo(10);
  }

  @Test
  void namesTheLineOfMalformedJson() throws Exception {
    Path jsonl = write("bad.jsonl", "{\"id\":\"o1\"", "");
    assertThatThrownBy(() -> ObservationFiles.read(jsonl)).hasMessageContaining("line 1");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ObservationFiles.read(dir.resolve("nope.csv"))).hasMessageContaining("nope.csv");
  }
}
