package org.flowwatch.jobs.surgedetection.functions;

/**
 * One hourly aggregate's contribution to a monitored series. A series sums several aggregates (a point's series sums
 * its nationalities, source kinds and routes); {@code member} names which one this is, so that a later revision of
 * the same aggregate replaces its earlier value instead of adding to it. A POJO for Flink.
 */
public class SeriesUpdate {
  public SeriesKey series;
  public String member;
  /** Start of the hour, in hours since the epoch (UTC). */
  public long hour;
  public long travellers;

  public SeriesUpdate() {}

  public SeriesUpdate(SeriesKey series, String member, long hour, long travellers) {
    this.series = series;
    this.member = member;
    this.hour = hour;
    this.travellers = travellers;
  }

  @Override
  public String toString() {
    return series + " " + member + " h" + hour + " " + travellers;
  }
}
