package org.flowwatch.schema.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The frozen copies of every released schema, packaged from {@code schemas/history/}. Each release adds a folder named
 * after its version holding one self-contained {@code <Record>.avsc} per record; {@code history/releases.txt} lists the
 * folders. Released files are never edited: a test checks that the current schemas read data written with each.
 */
public final class SchemaHistory {
  private static final String ROOT = "/org/flowwatch/schema/history/";

  private SchemaHistory() {}

  /** Released versions, oldest first. */
  public static List<String> releases() {
    try (InputStream in = resource("releases.txt")) {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every released schema of one record (by simple name), oldest first; empty if never released. */
  public static List<Schema> released(String recordName) {
    List<Schema> schemas = new ArrayList<>();
    for (String release : releases()) {
      String path = ROOT + release + "/" + recordName + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
        if (in != null) {
          schemas.add(new Schema.Parser().parse(in));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read frozen schema " + path, e);
      }
    }
    return schemas;
  }

  private static InputStream resource(String name) {
    InputStream in = SchemaHistory.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IllegalStateException("schema history missing from the class path: " + ROOT + name);
    }
    return in;
  }
}
