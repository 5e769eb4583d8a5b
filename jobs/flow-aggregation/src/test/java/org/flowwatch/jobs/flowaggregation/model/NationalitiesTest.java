package org.flowwatch.jobs.flowaggregation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NationalitiesTest {
  @Test
  void packedCodesComeBackAsTheyWereAndStayDistinct() {
    Set<Integer> packed = new HashSet<>();
    for (String code : List.of("NGA", "NER", "MLI", "TCD", "XXA", "ZZZ", "AAA")) {
      assertThat(Nationalities.unpack(Nationalities.pack(code))).isEqualTo(code);
      packed.add(Nationalities.pack(code));
    }
    assertThat(packed).hasSize(7);
  }

  @Test
  void aCodeOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> Nationalities.pack("NG")).hasMessageContaining("2 characters");
  }
}
