package org.flowwatch.detectors.alerts;

/** What an alert signals. */
public enum Signal {
  /** Far more movements than expected. */
  SURGE,
  /** Far fewer movements than expected. */
  COLLAPSE,
  /** A point that normally reports has sent nothing for a while. */
  SILENCE
}
