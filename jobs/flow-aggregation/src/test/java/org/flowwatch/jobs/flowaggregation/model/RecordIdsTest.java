package org.flowwatch.jobs.flowaggregation.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTest {
  @Test
  void theFingerprintOfAnIdNeverChangesSinceSavepointsHoldIt() {
    assertThat(RecordIds.fingerprint("c-000001")).isEqualTo(PINNED);
    assertThat(RecordIds.fingerprint("")).isNotEqualTo(RecordIds.fingerprint("c-000001"));
  }

  @Test
  void aMillionSequentialAndRandomIdsGetDistinctFingerprints() {
    Set<Long> fingerprints = new HashSet<>();
    for (int i = 0; i < 500_000; i++) {
      fingerprints.add(RecordIds.fingerprint("c-" + i));
      fingerprints.add(RecordIds.fingerprint(new UUID(i, 42L * i).toString()));
    }
    assertThat(fingerprints).hasSize(1_000_000);
  }

  private static final long PINNED = 8497201736199783956L;
}
