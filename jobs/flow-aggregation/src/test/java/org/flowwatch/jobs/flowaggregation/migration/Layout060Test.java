package org.flowwatch.jobs.flowaggregation.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.flowwatch.jobs.flowaggregation.model.DuplicateRecord;
import org.flowwatch.jobs.flowaggregation.validation.RecordRules;
import org.flowwatch.schema.SourceKind;
import org.junit.jupiter.api.Test;

class Layout060Test {
  private static final long HOUR = 3_600_000L;

  @Test
  void aDedupKeyGivesBackItsKindPointAndIdEvenWhenTheyHoldColons() {
    String key = DuplicateRecord.dedupKey(SourceKind.BORDER_CROSSING, "NE:MAG", "id:with:colons");

    Layout060.DedupKey parsed = Layout060.DedupKey.parse(key);

    assertThat(parsed).isEqualTo(new Layout060.DedupKey(SourceKind.BORDER_CROSSING, "NE:MAG", "id:with:colons"));
    assertThat(parsed.format()).isEqualTo(key);
    assertThat(Layout060.DedupKey.parse("FLOW_MONITORING:6:NE-AGZ:fmr-17"))
        .isEqualTo(new Layout060.DedupKey(SourceKind.FLOW_MONITORING, "NE-AGZ", "fmr-17"));
    assertThat(Layout060.DedupKey.parse("FLOW_MONITORING:6:NE-AGZ:").recordId()).isEmpty();
  }

  @Test
  void aMalformedDedupKeyIsRefusedWithoutQuotingIt() {
    for (String key : new String[] {"person-123", "FLOW_MONITORING:person-123", "NO_SUCH_KIND:6:NE-AGZ:person-123",
        "FLOW_MONITORING:x:NE-AGZ:person-123", "FLOW_MONITORING:7:NE-AGZ:person-123",
        "FLOW_MONITORING:60:NE-AGZ:person-123", "FLOW_MONITORING:0::person-123"}) {
      assertThatThrownBy(() -> Layout060.DedupKey.parse(key)).as(key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("person-123")
          .hasMessageContaining(key.length() + " characters");
    }
  }

  @Test
  void theHourOfARecordFollowsFromItsForgetTimerAndTheAllowedLateness() {
    Duration lateness = Duration.ofDays(3);
    RecordRules rules = new RecordRules(5_000, Duration.ofHours(1), lateness);
    for (String time : new String[] {"2024-03-04T12:00:00Z", "2024-03-04T12:29:59.999Z", "2024-03-04T12:59:59.999Z",
        "1969-12-31T23:30:00Z"}) {
      long eventTime = Instant.parse(time).toEpochMilli();

      assertThat(Layout060.hourOfForgetTimer(rules.forgetAt(eventTime), lateness)).as(time)
          .isEqualTo(Math.floorDiv(eventTime, HOUR));
    }
    long noon = Instant.parse("2024-03-04T12:10:00Z").toEpochMilli();
    assertThat(Layout060.hourOfForgetTimer(new RecordRules(1, Duration.ZERO, Duration.ZERO).forgetAt(noon),
        Duration.ZERO)).isEqualTo(noon / HOUR);
  }

  @Test
  void aForgetTimerThatIsNoHourEndPlusTheLatenessIsRefused() {
    long forgetAt = new RecordRules(5_000, Duration.ofHours(1), Duration.ofDays(3))
        .forgetAt(Instant.parse("2024-03-04T12:10:00Z").toEpochMilli());

    assertThatThrownBy(() -> Layout060.hourOfForgetTimer(forgetAt, Duration.ofMinutes(90)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed lateness PT1H30M");
  }

  @Test
  void aDeduplicationIdHasExactlyOneTimer() {
    assertThat(Layout060.forgetTimer(Set.of(42L))).isEqualTo(42L);
    assertThatThrownBy(() -> Layout060.forgetTimer(Set.of())).hasMessageContaining("0 event-time timers");
    assertThatThrownBy(() -> Layout060.forgetTimer(Set.of(1L, 2L))).hasMessageContaining("2 event-time timers");
  }
}
