package org.flowwatch.jobs.flowaggregation.model;

/**
 * Nationalities travel between operators as ints: an ISO 3166-1 alpha-3 code (validated as three letters A-Z before
 * it gets here) packed one letter per byte, so the per-record data carries no string per group.
 */
public final class Nationalities {
  private Nationalities() {}

  public static int pack(String code) {
    if (code.length() != 3) {
      throw new IllegalArgumentException("not a three-letter code (" + code.length() + " characters)");
    }
    return (code.charAt(0) << 16) | (code.charAt(1) << 8) | code.charAt(2);
  }

  public static String unpack(int packed) {
    return new String(new char[] {(char) ((packed >> 16) & 0xFF), (char) ((packed >> 8) & 0xFF), (char) (packed & 0xFF)});
  }
}
