package org.flowwatch.detectors.alerts;

/** Where an alert episode is in its lifecycle. */
public enum Status { OPEN, ESCALATED, RESOLVED }
