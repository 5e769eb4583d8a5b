package org.flowwatch.jobs.flowaggregation.validation;

import org.flowwatch.schema.RejectReason;

/** Why a record cannot be counted: a reason code and a message naming the offending field and value. */
public record Rejection(RejectReason reason, String message) {}
