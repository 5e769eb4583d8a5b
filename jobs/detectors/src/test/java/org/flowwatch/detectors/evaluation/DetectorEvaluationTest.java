package org.flowwatch.detectors.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowwatch.detectors.PercentChange;
import org.flowwatch.detectors.evaluation.DetectorEvaluation.Score;
import org.flowwatch.detectors.evaluation.SyntheticSet.Kind;
import org.flowwatch.detectors.evaluation.SyntheticSet.Series;
import org.junit.jupiter.api.Test;

class DetectorEvaluationTest {
  private static final List<Series> SET = SyntheticSet.generate(7, 1, 140);

  @Test
  void theSyntheticSetPlantsEachKindOfEventWhereItSays() {
    assertThat(SET).hasSize(4 + 2 + 2);
    assertThat(SyntheticSet.generate(7, 1, 140).get(3).hourly()).as("seeded").isEqualTo(SET.get(3).hourly());
    for (Series series : SET) {
      SyntheticSet.Event event = series.event();
      if (event.kind() == Kind.NONE) {
        continue;
      }
      assertThat(event.startHour()).isBetween(100 * 24L, 130 * 24L);
      long during = 0;
      long weekBefore = 0;
      for (long hour = event.startHour(); hour < event.endHour(); hour++) {
        during += series.hourly()[(int) hour];
        weekBefore += series.hourly()[(int) (hour - 7 * 24)];
      }
      if (event.kind() == Kind.SILENCE) {
        assertThat(during).isZero();
      } else {
        assertThat((double) during / weekBefore).as(series.name()).isBetween(event.factor() * 0.6, event.factor() * 1.5);
      }
    }
  }

  @Test
  void aFivefoldSurgeIsFoundByEveryMethodAndScoresAreProportions() {
    List<Score> scores = DetectorEvaluation.run(SET, List.of(
        MethodUnderTest.of("farrington a=0.001", MethodUnderTest.weekdayFarrington(0.001)),
        MethodUnderTest.of("pct-change", PercentChange.defaults())));

    assertThat(scores).extracting(Score::mode).containsExactly("daily", "nowcast", "nowcast 6h", "daily", "nowcast", "nowcast 6h");
    for (Score score : scores) {
      assertThat(score.recallBySize()[3]).as(score.method() + " " + score.mode()).isEqualTo(1.0);
      assertThat(score.precision()).isBetween(0.0, 1.0);
      assertThat(score.falseAlertsPer100Days()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(
          score.falseAlarmsPer100Days());
      assertThat(score.medianDelayHours()).isPositive();
      if (!score.mode().equals("nowcast 6h")) { // 6 quiet hours of a small point are below the collapse minimum
        assertThat(score.collapseRecall()).as(score.method() + " " + score.mode()).isEqualTo(1.0);
      }
    }
    Score nowcast = scores.get(1);
    Score daily = scores.get(0);
    assertThat(nowcast.medianDelayHours()).as("the nowcast sees a surge before the day ends")
        .isLessThan(daily.medianDelayHours());
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertThat(DetectorEvaluation.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(DetectorEvaluation.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(DetectorEvaluation.median(List.of())).isNaN();
  }
}
