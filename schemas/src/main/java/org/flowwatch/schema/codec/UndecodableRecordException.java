package org.flowwatch.schema.codec;

/** A Kafka record value that cannot be turned into the expected record; {@link #cause()} says why. */
public final class UndecodableRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why decoding failed; the pipeline maps each to a reject reason. */
  public enum Cause {
    /** The bytes do not start with the Avro single-object marker (or are missing). */
    NOT_SINGLE_OBJECT,
    /** The fingerprint names a schema neither current nor in the frozen history. */
    UNKNOWN_WRITER_SCHEMA,
    /** Header and schema are fine but the body does not parse. */
    CORRUPT_BODY
  }

  private final Cause cause;

  public UndecodableRecordException(Cause cause, String message) {
    super(message);
    this.cause = cause;
  }

  public Cause cause() {
    return cause;
  }
}
