package org.flowwatch.detectors;

/**
 * A detector's verdict on one time point of a series.
 *
 * @param index position in the series (0-based)
 * @param observed the count at that point
 * @param expected the baseline's expected count; NaN without enough history
 * @param threshold the upper threshold: an observed count above it alarms; NaN without enough history or when the
 *     method cannot tell (e.g. a baseline without variance for EARS C3, where the reference also answers NA)
 * @param score the method's statistic (for EARS, the standardised excess); NaN when undefined
 * @param alarm whether the observed count is above the threshold
 * @param enoughHistory false for the first points of a series, before the method's baseline is complete
 */
public record Evaluation(int index, double observed, double expected, double threshold, double score, boolean alarm,
    boolean enoughHistory) {

  static Evaluation insufficientHistory(int index, double observed) {
    return new Evaluation(index, observed, Double.NaN, Double.NaN, Double.NaN, false, false);
  }
}
